import { ambitionProgress, type AmbitionProgress } from '../../assessments/calibration/ambitions.ts';
import type { ambitions as ambitionsSchema } from '../../assessments/calibration/ambition-schema.ts';
import type { GoodPractice } from '../../assessments/calibration/good-practice.ts';
import { checksToMeet } from '../../assessments/calibration/checks-to-meet.ts';
import { pathToNextRating, type PathToNextRating } from '../../assessments/calibration/path-to-next-rating.ts';
import { preventionLineOf, preventionSharesOf, preventionTrajectory, type PreventionTrajectory } from '../../assessments/calibration/prevention-trajectory.ts';
import type { Principal } from '../../assessments/access/roles.ts';
import { ConflictError } from '../../assessments/errors.ts';
import { perspectives, type Perspective } from '../../assessments/evidence/perspective-evidence.ts';
import type { AgreedResult } from '../../assessments/rating/agreed-result.ts';
import { ambitionsAreOpen } from '../../assessments/workflow/status.ts';
import type { PerspectiveResult } from '../../assessments/scoring/score-perspective.ts';
import { latestByCriterion, type AssessmentRecords, type StoredRecord } from '../persistence/assessment-records.ts';
import type { z } from 'zod';
import { actorOf } from './actor.ts';
import type { AssessmentService, AssessmentSnapshot, AssessmentView } from './assessment-service.ts';
import type { Clock } from './clock.ts';
import { agreedResult } from './agreed-result.ts';
import { scoreOf } from './final-scores.ts';
import type { GoodPracticeIndex } from './good-practice-index.ts';
import type { CriterionService, EvidenceContent } from './criterion-service.ts';
import type { PackRegistry } from './pack-registry.ts';

type Ambitions = z.output<typeof ambitionsSchema>;

export interface Improvement {
  /** The agreed result the path is read from: each criterion's final score and its basis (moderated, else assessor, peer, self). */
  agreed: AgreedResult;
  path: PathToNextRating;
  /** For each criterion the path raises, the indicator thresholds to meet for its new score. */
  checks: Array<{ criterion: string; to: number; checks: ReturnType<typeof checksToMeet> }>;
  goodPractice: GoodPractice[];
  ambitions: AmbitionProgress[];
  ambitionsVersion: number;
  sharesGoodPractice: boolean;
  sharingVersion: number;
  prevention: PreventionTrajectory | null;
}

/** Improvement (¶3.121, ¶3.123): the path to the next rating, good practice from others, own ambitions, prevention. */
export class ImprovementService {
  constructor(
    private readonly assessments: AssessmentService,
    private readonly criteria: CriterionService,
    private readonly records: AssessmentRecords,
    private readonly packs: PackRegistry,
    private readonly clock: Clock,
    private readonly index: GoodPracticeIndex,
  ) {}

  async saveAmbitions(id: string, basedOnVersion: number, ambitions: Ambitions, principal: Principal): Promise<StoredRecord<{ ambitions: Ambitions }>> {
    requireAmbitionsOpen(await this.assessments.authorised(id, principal, { kind: 'write-perspective', perspective: 'self' }), 'ambitions');
    return this.records.append({ assessmentId: id, kind: 'ambitions', perspective: null, criterion: null }, basedOnVersion, { ambitions }, actorOf(principal), this.clock.now());
  }

  async saveSharing(id: string, basedOnVersion: number, shareGoodPractice: boolean, principal: Principal): Promise<StoredRecord<{ shareGoodPractice: boolean }>> {
    requireAmbitionsOpen(await this.assessments.authorised(id, principal, { kind: 'write-perspective', perspective: 'self' }), 'consent to share');
    const saved = await this.records.append({ assessmentId: id, kind: 'sharing', perspective: null, criterion: null }, basedOnVersion, { shareGoodPractice }, actorOf(principal), this.clock.now());
    await this.index.refresh(id);
    return saved;
  }

  async improvement(id: string, principal: Principal): Promise<Improvement> {
    return this.improvementOf(await this.assessments.snapshot(id, principal));
  }

  /** The improvement of an assessment already read (and checked for sight by whoever read it), from its agreed result. */
  async improvementOf(snapshot: AssessmentSnapshot): Promise<Improvement> {
    const { assessment, records } = snapshot;
    const pack = this.packs.get(assessment.pack);
    const results = new Map<Perspective, PerspectiveResult>();
    for (const perspective of perspectives) results.set(perspective, await this.criteria.scoreSnapshot(snapshot, perspective));
    const agreed = await agreedResult(this.packs, snapshot, [...results.values()]);
    const judgedIn = (criterion: string) => {
      const from = agreed.criteria.find((entry) => entry.criterion === criterion)?.evidenceFrom;
      return from === null || from === undefined ? undefined : { perspective: from, criterion: results.get(from)?.criteria.find((entry) => entry.criterion === criterion) };
    };

    const finals = agreed.criteria.filter((criterion) => criterion.kind === 'scored').map((criterion) => ({ criterion: criterion.criterion, score: scoreOf(criterion.outcome) }));
    const path = await pathToNextRating(pack.manifest, finals, agreed.rating.gate);
    const checks = path.status !== 'path' ? [] : path.changes.flatMap((change) => {
      if (!('criterion' in change)) return [];
      const packCriterion = pack.criteria.find((candidate) => candidate.id === change.criterion);
      const findings = judgedIn(change.criterion)?.criterion?.findings ?? [];
      return packCriterion === undefined ? [] : [{ criterion: change.criterion, to: change.to, checks: checksToMeet(packCriterion, findings, { score: change.to }) }];
    });

    const ambitions = latestOf<{ ambitions: Ambitions }>(records, 'ambitions');
    const sharing = latestOf<{ shareGoodPractice: boolean }>(records, 'sharing');
    const prevention = judgedIn('prevention-shift');
    const preventionCriterion = pack.criteria.find((criterion) => criterion.id === 'prevention-shift');
    const indicators = prevention === undefined ? undefined : latestByCriterion<EvidenceContent>(records, 'evidence', prevention.perspective).get('prevention-shift')?.content.evidence.indicators;
    const shares = indicators === undefined ? null : preventionSharesOf(indicators as Parameters<typeof preventionSharesOf>[0]);

    return {
      agreed,
      path,
      checks,
      goodPractice: await this.goodPractice(assessment.id, assessment.period, new Map(finals.map((entry) => [entry.criterion, entry.score]))),
      ambitions: recordedAmbitions(records).map((entry) => ambitionProgress(entry)),
      ambitionsVersion: ambitions?.version ?? 0,
      sharesGoodPractice: sharing?.content.shareGoodPractice ?? false,
      sharingVersion: sharing?.version ?? 0,
      prevention: prevention?.criterion?.assessed && preventionCriterion !== undefined && shares !== null ? preventionTrajectory(shares, preventionLineOf(preventionCriterion.parameterValues)) : null,
    };
  }

  /** Systems in the same period scoring 4 where this one scores 2 or below, that agreed to share. */
  private async goodPractice(id: string, period: string, own: Map<string, number | null>): Promise<GoodPractice[]> {
    const weak = [...own].filter(([, score]) => score !== null && score <= 2).map(([criterion]) => criterion);
    if (weak.length === 0) return [];
    const others = (await this.index.sharedIn(period)).filter((entry) => entry._id !== id);
    return others.flatMap((entry) =>
      weak.flatMap((criterion) => {
        const strength = entry.strengths.find((candidate) => candidate.criterion === criterion);
        return strength === undefined ? [] : [{ criterion, system: entry.system, systemName: entry.systemName, score: 4 as const, narrative: strength.narrative ?? null }];
      }),
    );
  }
}

/** 409 once the assessment is published: its report shows the ambitions and the consent as they were. */
function requireAmbitionsOpen(assessment: AssessmentView, what: string): void {
  if (!ambitionsAreOpen(assessment.status)) throw new ConflictError(`The assessment is published: its ${what} can no longer change, as the published report shows them as they were`);
}

/** The system's own ambitions as last recorded, or none. */
export function recordedAmbitions(records: readonly StoredRecord[]): Ambitions {
  return latestOf<{ ambitions: Ambitions }>(records, 'ambitions')?.content.ambitions ?? [];
}

function latestOf<Content>(records: readonly StoredRecord[], kind: 'ambitions' | 'sharing'): StoredRecord<Content> | undefined {
  return records.filter((record) => record.kind === kind).at(-1) as StoredRecord<Content> | undefined;
}


