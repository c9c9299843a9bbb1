import type { Connection } from 'mongoose';
import type { Principal } from '../../assessments/access/roles.ts';
import type { ScoredCriterionRecord } from '../../assessments/calibration/leniency.ts';
import { NotFoundError, UnavailableError } from '../../assessments/errors.ts';
import { perspectives } from '../../assessments/evidence/perspective-evidence.ts';
import type { Logger } from '../log.ts';
import { assessmentsCollection, latestByCriterion } from '../persistence/assessment-records.ts';
import type { StorageLayout } from '../persistence/storage-layout.ts';
import { ratingInWords, type IndicativeRating } from '../web/pages/indicative-rating.ts';
import { agreedResult } from './agreed-result.ts';
import type { AssessmentService, AssessmentSnapshot } from './assessment-service.ts';
import type { CriterionService, ModerationContent } from './criterion-service.ts';
import { scoreOf } from './final-scores.ts';
import type { PackRegistry } from './pack-registry.ts';

/** Reads assessments on behalf of the summaries, which serve only views that check access themselves. */
const summaryReader: Principal = { userId: 'summaries', name: 'Summaries', role: 'admin', system: null };

/** What the national views need of one assessment, as of its record `seq`. */
export interface AssessmentSummary {
  id: string;
  seq: number;
  system: string;
  region: string;
  period: string;
  createdAt: Date;
  /** The headline rating: the agreed result (agreed-result.ts). */
  rating: IndicativeRating;
  /** Each perspective's judged score of each scored criterion, with whoever recorded it (leniency). */
  scored: Array<Omit<ScoredCriterionRecord, 'assessmentId' | 'system'>>;
  /** Each scored criterion's final score in the agreed result (distributions). */
  finals: Array<{ criterion: string; score: number | null }>;
}

interface SummaryDocument {
  _id: string;
  seq: number;
  period: string;
  system: string;
  body: unknown;
}

const collection = 'assessment_summaries';

/**
 * Per-assessment summaries for the national views (dashboard, calibration across systems and its
 * CSVs), so that a view of every system reads one small document each instead of every history.
 *
 * Derived data, never the truth: each summary names the record `seq` it was built from, and a read
 * checks it against the assessment's own `seq` (one projection query), rebuilding the few that are
 * missing or behind. So several instances converge whatever order their writes land in, and a
 * summary lost or emptied behind the server's back comes back on the next read. They are refreshed
 * after each write to an assessment and rebuilt at start.
 */
export class AssessmentSummaries {
  private readonly running = new Map<string, { again: boolean; done: Promise<void> }>();

  constructor(
    private readonly connection: Connection,
    private readonly layout: StorageLayout,
    private readonly assessments: AssessmentService,
    private readonly criteria: CriterionService,
    private readonly packs: PackRegistry,
    private readonly log: Logger,
  ) {}

  /** The summaries of these assessments (already listed for the asker), current with their records. */
  async of(ids: readonly string[]): Promise<Map<string, AssessmentSummary>> {
    if (ids.length === 0) return new Map();
    return this.current({ _id: { $in: [...ids] } });
  }

  /** The summaries of every assessment in a period, current with their records. */
  async inPeriod(period: string): Promise<AssessmentSummary[]> {
    return [...(await this.current({ period })).values()];
  }

  /**
   * Rebuilds the summary of one assessment after a write, in the background: the write does not wait
   * for it, and writes that land while one runs are folded into one more run. A failure is logged and
   * mended at the next read (which checks the version anyway).
   */
  refresh(id: string): Promise<void> {
    const running = this.running.get(id);
    if (running !== undefined) {
      running.again = true;
      return Promise.resolve();
    }
    const entry = { again: false, done: Promise.resolve() };
    entry.done = (async () => {
      do {
        entry.again = false;
        await this.build(id).catch((error: unknown) => this.log.warn('Summary not refreshed: it is rebuilt at the next read', { assessmentId: id, error: error instanceof Error ? error.message : String(error) }));
      } while (entry.again);
      this.running.delete(id);
    })();
    this.running.set(id, entry);
    return Promise.resolve();
  }

  /** Resolves when no refresh is running (before the database closes). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((entry) => entry.done));
  }

  /** Rebuilds every summary that is missing or behind, and drops those of assessments that are gone; returns how many were rebuilt. */
  async rebuild(): Promise<number> {
    const ids = (await this.connection.collection(assessmentsCollection).find({}, { projection: { _id: 1 } }).toArray()).map((document) => String(document._id));
    const before = await this.summaries().countDocuments();
    const current = await this.current({});
    await this.summaries().deleteMany({ _id: { $nin: ids } } as never);
    return Math.max(0, current.size - before);
  }

  private async current(filter: Record<string, unknown>): Promise<Map<string, AssessmentSummary>> {
    const [assessments, stored] = await Promise.all([
      this.connection.collection(assessmentsCollection).find(filter, { projection: { _id: 1, seq: 1 } }).toArray(),
      this.summaries().find(filter).toArray() as unknown as Promise<SummaryDocument[]>,
    ]);
    const byId = new Map(stored.map((document) => [document._id, document]));
    const result = new Map<string, AssessmentSummary>();
    for (const assessment of assessments) {
      const id = String(assessment._id);
      const document = byId.get(id);
      const summary = document !== undefined && document.seq === assessment.seq ? this.decode(document) : await this.build(id).catch(unavailable);
      if (summary !== null) result.set(id, summary);
    }
    return result;
  }

  private async build(id: string): Promise<AssessmentSummary | null> {
    let snapshot: AssessmentSnapshot;
    try {
      snapshot = await this.assessments.snapshot(id, summaryReader);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      await this.summaries().deleteOne({ _id: id } as never);
      return null;
    }
    const summary = await this.summaryOf(snapshot);
    const document: SummaryDocument = { _id: id, seq: summary.seq, period: summary.period, system: summary.system, body: this.layout.state === 'text' ? JSON.stringify(summary) : summary };
    // Only forward: a summary of a later state is never replaced by one of an earlier state.
    await this.summaries().replaceOne({ _id: id, $or: [{ seq: { $exists: false } }, { seq: { $lte: summary.seq } }] } as never, document, { upsert: true }).catch((error: unknown) => {
      if ((error as { code?: number }).code !== 11000) throw error;
    });
    return summary;
  }

  private async summaryOf(snapshot: AssessmentSnapshot): Promise<AssessmentSummary> {
    const { assessment, records } = snapshot;
    const moderated = latestByCriterion<ModerationContent>(records, 'moderation', null);
    const scored: AssessmentSummary['scored'] = [];
    for (const perspective of perspectives) {
      const result = await this.criteria.scoreSnapshot(snapshot, perspective);
      const scorers = new Map<string, { userId: string; name: string }>();
      // Whoever judged a criterion last, else whoever saved its evidence last.
      for (const kind of ['evidence', 'judgement'] as const) for (const [criterion, record] of latestByCriterion(records, kind, perspective)) scorers.set(criterion, record.by);
      for (const criterion of result.criteria) {
        const scorer = scorers.get(criterion.criterion);
        if (criterion.kind !== 'scored' || scorer === undefined) continue;
        scored.push({ perspective, scorerId: scorer.userId, scorerName: scorer.name, criterion: criterion.criterion, score: scoreOf(criterion.judgement.outcome), moderatedScore: scoreOf(moderated.get(criterion.criterion)?.content.outcome ?? null) });
      }
    }
    const agreed = await agreedResult(this.packs, snapshot);
    const finals = agreed.criteria.filter((criterion) => criterion.kind === 'scored').map((criterion) => ({ criterion: criterion.criterion, score: scoreOf(criterion.outcome) }));
    return {
      id: assessment.id,
      seq: snapshot.current?.state.seq ?? 0,
      system: assessment.system,
      region: assessment.region,
      period: assessment.period,
      createdAt: assessment.createdAt,
      rating: ratingInWords(agreed),
      scored,
      finals,
    };
  }

  private decode(document: SummaryDocument): AssessmentSummary {
    const summary = (typeof document.body === 'string' ? JSON.parse(document.body) : document.body) as AssessmentSummary;
    return { ...summary, createdAt: new Date(summary.createdAt) };
  }

  private summaries() {
    return this.connection.collection(collection);
  }
}

/** An assessment whose pack is not loaded here has no summary (its views say so). */
function unavailable(error: unknown): null {
  if (error instanceof UnavailableError) return null;
  throw error;
}
