import type { Principal } from '../../assessments/access/roles.ts';
import { TooManyRequestsError } from '../../assessments/errors.ts';
import { perspectives } from '../../assessments/evidence/perspective-evidence.ts';
import { buildReportModel } from '../../assessments/report-model/build-report-model.ts';
import type { ModeratedScore, ReportPerspective } from '../../assessments/report-model/report-input.ts';
import type { ReportModel } from '../../assessments/report-model/report-model.ts';
import { latestByCriterion } from '../persistence/assessment-records.ts';
import type { AssessmentService } from '../services/assessment-service.ts';
import type { Clock } from '../services/clock.ts';
import type { CriterionService, EvidenceContent, ModerationContent } from '../services/criterion-service.ts';
import { recordedAmbitions, type ImprovementService } from '../services/improvement-service.ts';
import type { PackRegistry } from '../services/pack-registry.ts';
import type { TrendService } from '../services/trend-service.ts';
import type { BrowserPool } from './browser-pool.ts';
import type { HtmlRenderer } from './html-renderer.ts';
import { renderReportPdf } from './pdf-renderer.ts';

export interface ReportServiceDependencies {
  assessments: AssessmentService;
  criteria: CriterionService;
  improvement: ImprovementService;
  packs: PackRegistry;
  trends: TrendService;
  clock: Clock;
  html: HtmlRenderer;
  pool: BrowserPool;
  protectiveMarking: string;
  /** How many PDFs one user may have in flight (rendering or waiting) at once; past that, 429. */
  perUser: number;
}

/**
 * The calibration report of a stored assessment, for whoever may read it: the assessment (404 for
 * another tenant's), each perspective with evidence scored with the pinned pack and the caller's
 * principal, and the moderated scores, made into the report model, then HTML, then PDF. The
 * render queue is shared fairly: one user may have at most `perUser` PDFs in flight (429 with
 * Retry-After beyond), so one reader cannot take the queue from everyone else (issue 13, finding 9).
 * The count is per instance.
 */
export class ReportService {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly dependencies: ReportServiceDependencies) {}

  async model(assessmentId: string, principal: Principal): Promise<ReportModel> {
    const { assessments, criteria, improvement, packs, trends, clock, protectiveMarking } = this.dependencies;
    // Read once, for whoever may see it (404 otherwise): each perspective is scored and the improvement drawn from the same records.
    const snapshot = await assessments.snapshot(assessmentId, principal);
    const { assessment, records: all } = snapshot;
    const pack = packs.get(assessment.pack);
    const results = await Promise.all(perspectives.map((perspective) => criteria.scoreSnapshot(snapshot, perspective)));
    const { goodPractice } = await improvement.improvementOf(snapshot);
    const moderation = latestByCriterion<ModerationContent>(all, 'moderation', null);
    const scored: ReportPerspective[] = perspectives.flatMap((perspective, index) => {
      const given = latestByCriterion<EvidenceContent>(all, 'evidence', perspective);
      const result = results[index];
      if (given.size === 0 || result === undefined) return [];
      return [{ perspective, result, evidence: Object.fromEntries([...given].map(([criterion, record]) => [criterion, record.content.evidence])) }];
    });
    const dissents = (await criteria.dissents(assessmentId, principal)).map((record) => ({ criterion: record.criterion ?? '', rationale: record.content.rationale, by: record.by.name, on: new Date(record.at).toISOString().slice(0, 10) }));
    const moderated: ModeratedScore[] = [...moderation.values()].map((record) => ({
      criterion: record.criterion ?? '',
      outcome: record.content.outcome,
      rationale: record.content.rationale,
      by: record.by.name,
      on: new Date(record.at).toISOString().slice(0, 10),
    }));
    return buildReportModel({
      assessment: { system: assessment.system, systemName: assessment.systemName, region: assessment.region, period: assessment.period, status: assessment.status, pack: assessment.pack, demo: assessment.demo },
      pack,
      perspectives: scored,
      moderation: moderated,
      dissents,
      improvement: { goodPractice, ambitions: recordedAmbitions(all) },
      trend: await trends.forSystem(assessment.system, principal),
      options: { protectiveMarking, generatedOn: clock.now().toISOString().slice(0, 10) },
    });
  }

  /** The report as one HTML page (the preview). */
  async html(assessmentId: string, principal: Principal): Promise<string> {
    return this.dependencies.html.report(await this.model(assessmentId, principal));
  }

  /** The report as a PDF, with a file name for it. */
  async pdf(assessmentId: string, principal: Principal): Promise<{ pdf: Buffer; filename: string }> {
    const mine = this.inFlight.get(principal.userId) ?? 0;
    if (mine >= this.dependencies.perUser) {
      throw new TooManyRequestsError(`You already have ${mine} report${mine === 1 ? '' : 's'} being made; each person may have ${this.dependencies.perUser} at once, so that everyone is served. Try again when one has finished.`, 5);
    }
    this.inFlight.set(principal.userId, mine + 1);
    try {
      const model = await this.model(assessmentId, principal);
      const pdf = await renderReportPdf(model, this.dependencies.html, this.dependencies.pool);
      return { pdf, filename: reportFileName(model.cover.systemCode, model.cover.period) };
    } finally {
      const left = (this.inFlight.get(principal.userId) ?? 1) - 1;
      if (left === 0) this.inFlight.delete(principal.userId);
      else this.inFlight.set(principal.userId, left);
    }
  }
}

/** "ics-calibration-report-QOX-2025-26.pdf": only letters, digits and "-", so it is safe in a header. */
export function reportFileName(system: string, period: string): string {
  return `ics-calibration-report-${`${system}-${period}`.replace(/[^A-Za-z0-9]+/g, '-')}.pdf`;
}
