import { agreedResultOf } from '../../assessments/rating/agreed-result.ts';
import type { Principal } from '../../assessments/access/roles.ts';
import { ConflictError, ValidationError } from '../../assessments/errors.ts';
import { perspectives, type Perspective } from '../../assessments/evidence/perspective-evidence.ts';
import { identityOf, type PackIdentity, type RulePack } from '../../assessments/rule-pack/rule-pack.ts';
import type { Outcome } from '../../assessments/scoring/criterion-result.ts';
import { scoreCriterion } from '../../assessments/scoring/score-criterion.ts';
import type { PerspectiveResult } from '../../assessments/scoring/score-perspective.ts';
import { latestByCriterion, type AssessmentRecords, type StoredRecord } from '../persistence/assessment-records.ts';
import { actorOf } from './actor.ts';
import type { AssessmentService, AssessmentSnapshot, AssessmentView } from './assessment-service.ts';
import type { Clock } from './clock.ts';
import type { EvidenceContent, ModerationContent } from './criterion-service.ts';
import type { GoodPracticeIndex } from './good-practice-index.ts';
import type { PackRegistry } from './pack-registry.ts';
import { scoreSnapshot } from './score-snapshot.ts';

/** An outcome before and after a move; `null` is not assessed. */
export interface Change<T> {
  from: T;
  to: T;
}

/** A rating as a comparison shows it. */
export interface RatingSummary {
  label: string | null;
  percentage: number | null;
  provisional: boolean;
}

/** One criterion, one perspective, under the pinned pack and under the newer one. */
export interface PerspectiveChange {
  perspective: Perspective;
  /** What the rules propose for the evidence as it stands. */
  proposed: Change<Outcome | null>;
  /** The outcome the rating uses: the proposal as judged (a judgement set aside leaves the proposal). */
  result: Change<Outcome | null>;
  /** The evidence is re-scored (a new version by the mover): its proposal or findings read differently. */
  rescored: boolean;
  /** A judgement of the old proposal that no longer applies, because the proposal it judged was re-scored. */
  judgementSetAside: boolean;
}

export interface CriterionChange {
  criterion: string;
  title: string;
  perspectives: PerspectiveChange[];
  /** The agreed result: the panel's moderated outcome, else the assessor's, peer's or self-assessment's result (agreed-result.ts). */
  agreed: Change<Outcome | null>;
  changed: boolean;
}

/** What moving an assessment from its pinned pack to a newer version would change, per criterion and overall. */
export interface PackMovePreview {
  from: PackIdentity;
  to: PackIdentity;
  criteria: CriterionChange[];
  ratings: Array<{ perspective: Perspective; rating: Change<RatingSummary> }>;
  agreedRating: Change<RatingSummary>;
  /** The perspective the agreed result reads where no criterion is moderated (assessor, else peer, else self). */
  indicativePerspective: Perspective | null;
}

/** What a 'pack' record holds: the move, who made it (the record's `by`), and what it changed. */
export interface PackMoveContent {
  from: PackIdentity;
  to: PackIdentity;
  changes: Array<{ criterion: string; perspective: Perspective | null; from: Outcome | null; to: Outcome | null }>;
  rescored: Array<{ criterion: string; perspective: Perspective; evidenceVersion: number }>;
}

/** Where an assessment stands on rule packs: its pin, the newer versions it may move to, and (for one of them) what would change. */
export interface PackChoice {
  pinned: PackIdentity;
  newer: PackIdentity[];
  /** The version of the assessment's pack record series (0 before any move): a move is based on it. */
  version: number;
  preview: PackMovePreview | null;
}

/**
 * Moving an assessment to a newer version of its rule pack, explicitly: first a preview of what
 * would change, per criterion (each perspective's proposal and result, and the agreed result) and
 * overall; then the move, recorded in the audit trail as a 'pack' record with who, when and both
 * versions. Evidence whose proposal reads differently under the newer pack gets a new version by
 * the mover with the re-scored proposal, so judgements of the old proposal are set aside as after
 * any change of evidence: nobody's acceptance silently carries over to a different proposal.
 */
export class PackMoveService {
  constructor(
    private readonly assessments: AssessmentService,
    private readonly records: AssessmentRecords,
    private readonly packs: PackRegistry,
    private readonly clock: Clock,
    private readonly goodPractice: GoodPracticeIndex,
  ) {}

  /** The assessment's pin, the newer versions loaded here, and what moving to `to` (default the newest) would change. */
  async choice(id: string, to: string | undefined, principal: Principal): Promise<PackChoice> {
    const snapshot = await this.assessments.snapshot(id, principal);
    const newer = this.packs.newerThan(snapshot.assessment.pack);
    const target = this.target(newer, to);
    const version = (await this.records.latest({ assessmentId: id, kind: 'pack', perspective: null, criterion: null }))?.version ?? 0;
    return { pinned: snapshot.assessment.pack, newer: newer.map(identityOf), version, preview: target === null ? null : (await this.compare(snapshot, target)).preview };
  }

  /** Moves the assessment to the newer version `to`, based on the pack record version the mover saw (409 when stale). */
  async move(id: string, change: { to: string; version: number }, principal: Principal): Promise<AssessmentView> {
    const assessment = await this.assessments.authorised(id, principal, { kind: 'move-pack' });
    if (assessment.status === 'published') throw new ConflictError('The assessment is published: its rating stands under the rule pack it was published with');
    const target = this.target(this.packs.newerThan(assessment.pack), change.to);
    if (target === null) throw new ValidationError('The rule pack version cannot be moved to', [{ path: 'to', message: `Choose a version of ${assessment.pack.id} newer than ${assessment.pack.version} that this server has loaded` }]);
    const snapshot = await this.assessments.snapshot(id, principal);
    const { preview, rescored } = await this.compare(snapshot, target);
    const by = actorOf(principal);
    const at = this.clock.now();
    const content: PackMoveContent = {
      from: preview.from,
      to: preview.to,
      changes: preview.criteria.flatMap((criterion) => [
        ...criterion.perspectives.filter((entry) => !sameOutcome(entry.result.from, entry.result.to)).map((entry) => ({ criterion: criterion.criterion, perspective: entry.perspective, from: entry.result.from, to: entry.result.to })),
        ...(sameOutcome(criterion.agreed.from, criterion.agreed.to) ? [] : [{ criterion: criterion.criterion, perspective: null, from: criterion.agreed.from, to: criterion.agreed.to }]),
      ]),
      rescored: rescored.map((record) => ({ criterion: record.criterion ?? '', perspective: record.perspective as Perspective, evidenceVersion: record.version })),
    };
    // The record of the move goes first: whatever follows is then explained in the audit trail. It
    // is also the pin: the assessment's pack is the latest move's, copied onto it with its state.
    await this.records.append<PackMoveContent>({ assessmentId: id, kind: 'pack', perspective: null, criterion: null }, change.version, content, by, at);
    for (const record of rescored) await this.records.append({ assessmentId: id, kind: 'evidence', perspective: record.perspective, criterion: record.criterion }, record.version - 1, record.content, by, at);
    await this.goodPractice.refresh(id);
    return this.assessments.get(id, principal);
  }

  private target(newer: readonly RulePack[], to: string | undefined): RulePack | null {
    return (to === undefined ? newer.at(-1) : newer.find((pack) => pack.version === to)) ?? null;
  }

  /** The preview, and the evidence records the move appends (each with the version it will have). */
  private async compare(snapshot: AssessmentSnapshot, target: RulePack): Promise<{ preview: PackMovePreview; rescored: Array<StoredRecord<EvidenceContent>> }> {
    const pinned = this.packs.get(snapshot.assessment.pack);
    const rescored: Array<StoredRecord<EvidenceContent>> = [];
    for (const perspective of perspectives) {
      for (const record of latestByCriterion<EvidenceContent>(snapshot.records, 'evidence', perspective).values()) {
        const criterion = target.criteria.find((candidate) => candidate.id === record.criterion);
        if (criterion === undefined) continue;
        const { assessed, proposed, decidedBy, findings, missing } = await scoreCriterion(criterion, record.content.evidence.indicators);
        const proposal = { assessed, proposed, decidedBy, findings, missing };
        if (JSON.stringify(proposal) !== JSON.stringify(record.content.proposal)) rescored.push({ ...record, version: record.version + 1, content: { evidence: record.content.evidence, proposal } });
      }
    }
    const after: AssessmentSnapshot = { assessment: { ...snapshot.assessment, pack: identityOf(target) }, records: [...snapshot.records, ...rescored] };
    const before = await Promise.all(perspectives.map((perspective) => scoreSnapshot(pinned, snapshot, perspective)));
    const moved = await Promise.all(perspectives.map((perspective) => scoreSnapshot(target, after, perspective)));
    const indicative = [...perspectives].reverse().find((perspective) => latestByCriterion(snapshot.records, 'evidence', perspective).size > 0) ?? null;
    const agreedBefore = await agreed(pinned, before, snapshot.records);
    const agreedAfter = await agreed(target, moved, snapshot.records);

    const criteria = target.criteria.map((criterion): CriterionChange => {
      const rows = perspectives.map((perspective, index): PerspectiveChange => {
        const old = before[index]?.criteria.find((entry) => entry.criterion === criterion.id);
        const now = moved[index]?.criteria.find((entry) => entry.criterion === criterion.id);
        return {
          perspective,
          proposed: { from: old?.proposed ?? null, to: now?.proposed ?? null },
          result: { from: old?.judgement.outcome ?? null, to: now?.judgement.outcome ?? null },
          rescored: rescored.some((record) => record.criterion === criterion.id && record.perspective === perspective),
          judgementSetAside: old?.judgement.decision !== undefined && old.judgement.decision !== 'proposed' && now?.judgement.decision === 'proposed',
        };
      });
      const agreedOutcome = { from: agreedBefore.outcomes.get(criterion.id) ?? null, to: agreedAfter.outcomes.get(criterion.id) ?? null };
      const changed = !sameOutcome(agreedOutcome.from, agreedOutcome.to) || rows.some((row) => row.rescored || row.judgementSetAside || !sameOutcome(row.result.from, row.result.to));
      return { criterion: criterion.id, title: criterion.title, perspectives: rows, agreed: agreedOutcome, changed };
    });
    return {
      preview: {
        from: identityOf(pinned),
        to: identityOf(target),
        criteria,
        ratings: perspectives.map((perspective, index) => ({ perspective, rating: { from: summary(before[index]!), to: summary(moved[index]!) } })),
        agreedRating: { from: agreedBefore.rating, to: agreedAfter.rating },
        indicativePerspective: indicative,
      },
      rescored,
    };
  }
}

function summary(result: PerspectiveResult): RatingSummary {
  return { label: result.rating.final?.label ?? null, percentage: result.rating.percentage, provisional: result.rating.provisional };
}

/** The agreed outcome per criterion and its rating under a pack: the one agreed result (assessments/rating/agreed-result.ts). */
async function agreed(pack: RulePack, results: PerspectiveResult[], records: readonly StoredRecord[]): Promise<{ outcomes: Map<string, Outcome | null>; rating: RatingSummary }> {
  const moderation = [...latestByCriterion<ModerationContent>(records, 'moderation', null)].map(([criterion, record]) => ({ criterion, outcome: record.content.outcome, rationale: record.content.rationale }));
  const result = await agreedResultOf(pack, results, moderation);
  return { outcomes: new Map(result.criteria.map((criterion) => [criterion.criterion, criterion.outcome])), rating: { label: result.rating.final?.label ?? null, percentage: result.rating.percentage, provisional: result.rating.provisional } };
}

function sameOutcome(a: Outcome | null, b: Outcome | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
