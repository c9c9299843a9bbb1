import { trusted } from 'mongoose';
import type { Principal } from '../../assessments/access/roles.ts';
import { NotFoundError, UnavailableError } from '../../assessments/errors.ts';
import type { Perspective } from '../../assessments/evidence/perspective-evidence.ts';
import type { Logger } from '../log.ts';
import { latestByCriterion } from '../persistence/assessment-records.ts';
import type { Models } from '../persistence/database.ts';
import type { AssessmentService, AssessmentSnapshot } from './assessment-service.ts';
import type { Clock } from './clock.ts';
import type { EvidenceContent } from './criterion-service.ts';
import { agreedResult } from './agreed-result.ts';
import type { PackRegistry } from './pack-registry.ts';

/** Reads assessments on behalf of the index, which keeps only what their systems agreed to share. */
const indexReader: Principal = { userId: 'good-practice', name: 'Good practice', role: 'admin', system: null };

/** An assessment's offer of good practice, as the index keeps it. */
export interface GoodPracticeEntry {
  _id: string;
  period: string;
  system: string;
  systemName: string;
  shares: boolean;
  strengths: Array<{ criterion: string; narrative: string | null }>;
  refreshedAt: Date;
  /** The assessment's record sequence the entry was made from (assessment-state.ts). */
  seq?: number;
}

/**
 * What each assessment offers others as good practice (¶3.123), kept so that finding it for a
 * report or a page is one query on the period, not every other assessment read and scored again
 * (about 15 ms each on the embedded database: over half a second per report with 42 systems).
 *
 * An entry is derived from the assessment's records, which stay the truth: it is refreshed after
 * each write that can change it (evidence, judgements, moderation, consent, an import) and the
 * whole index is rebuilt at start, while the server already listens. A refresh that fails (the database gone mid-write) leaves the
 * entry one write behind until the next write or start, and is logged; refreshes of one assessment
 * run one after another in this process.
 */
export class GoodPracticeIndex {
  private readonly pending = new Map<string, Promise<void>>();
  private built = false;

  constructor(
    private readonly models: Models,
    private readonly assessments: AssessmentService,
    private readonly packs: PackRegistry,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Brings an assessment's entry up to date with its records (removing it if the assessment is gone). */
  async refresh(assessmentId: string): Promise<void> {
    const previous = this.pending.get(assessmentId) ?? Promise.resolve();
    const next = previous.then(() => this.write(assessmentId)).catch((error: unknown) => {
      this.log.warn('Good practice index not refreshed: it catches up at the next write or start', { assessmentId, error: error instanceof Error ? error.message : String(error) });
    });
    this.pending.set(assessmentId, next);
    await next;
    if (this.pending.get(assessmentId) === next) this.pending.delete(assessmentId);
  }

  /**
   * Remakes every entry from the records; returns how many assessments there are. The server
   * listens meanwhile: until the first rebuild has ended (done or failed), good practice is 503.
   */
  async rebuild(): Promise<number> {
    try {
      const ids = (await this.models.assessments.find({}, { _id: 1 }).lean()).map((document) => document._id);
      for (const id of ids) await this.refresh(id);
      await this.models.goodPractice.deleteMany({ _id: trusted({ $nin: ids }) });
      return ids.length;
    } finally {
      this.built = true;
    }
  }

  /** True until the first rebuild has ended: the index may be missing entries. */
  starting(): boolean {
    return !this.built;
  }

  /** The entries of systems that agreed to share, in a period, by system code; 503 while the index is first being rebuilt. */
  async sharedIn(period: string): Promise<GoodPracticeEntry[]> {
    if (!this.built) throw new UnavailableError('Good practice from other systems is being gathered after a restart. Try again in a few seconds.', 5);
    // Each entry names the assessment version it was made from: one made by another instance, or
    // left behind by a refresh that failed, is made again here before it is used.
    const [entries, assessments] = await Promise.all([this.models.goodPractice.find({ period }).lean<GoodPracticeEntry[]>(), this.models.assessments.find({ period }, { _id: 1, seq: 1 }).lean()]);
    const made = new Map(entries.map((entry) => [entry._id, entry.seq]));
    const behind = assessments.filter((assessment) => made.get(assessment._id) !== assessment.seq);
    if (behind.length === 0) return entries.filter((entry) => entry.shares).sort((a, b) => a.system.localeCompare(b.system));
    for (const assessment of behind) await this.refresh(assessment._id);
    return this.models.goodPractice.find({ period, shares: true }).sort({ system: 1 }).lean<GoodPracticeEntry[]>();
  }

  private async write(assessmentId: string): Promise<void> {
    let snapshot: AssessmentSnapshot;
    try {
      snapshot = await this.assessments.snapshot(assessmentId, indexReader);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      await this.models.goodPractice.deleteOne({ _id: assessmentId });
      return;
    }
    const entry = await this.entryOf(snapshot);
    await this.models.goodPractice.replaceOne({ _id: assessmentId }, entry, { upsert: true });
  }

  private async entryOf(snapshot: AssessmentSnapshot): Promise<GoodPracticeEntry> {
    const { assessment, records } = snapshot;
    // Good practice is what the panel or an assessor found at 4, never a system's own or its peers' view alone.
    const { criteria } = await agreedResult(this.packs, snapshot);
    const strengths = criteria
      .filter((criterion) => (criterion.basis === 'moderated' || criterion.basis === 'assessor') && criterion.outcome !== null && 'score' in criterion.outcome && criterion.outcome.score === 4)
      .map((criterion) => ({ criterion: criterion.criterion, narrative: narrativeOf(snapshot, criterion.criterion) }));
    const consent = latestByCriterion<{ shareGoodPractice: boolean }>(records, 'sharing', null).get('');
    return {
      _id: assessment.id,
      period: assessment.period,
      system: assessment.system,
      systemName: assessment.systemName,
      shares: consent?.content.shareGoodPractice ?? false,
      strengths,
      refreshedAt: this.clock.now(),
      seq: snapshot.current?.state.seq ?? 0,
    };
  }
}

/** A summary of the narrative on a criterion: the assessor's, else the self-assessment's. */
function narrativeOf({ records }: AssessmentSnapshot, criterion: string): string | null {
  const narrative = (['assessor', 'self'] as Perspective[]).map((perspective) => latestByCriterion<EvidenceContent>(records, 'evidence', perspective).get(criterion)?.content.evidence.narrative?.value).find((text) => text !== undefined);
  return narrative === undefined ? null : summary(narrative);
}

function summary(text: string): string {
  return text.length <= 600 ? text : `${text.slice(0, 597).replace(/\s+\S*$/, '')}…`;
}
