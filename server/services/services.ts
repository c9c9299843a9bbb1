import type { AccountService } from './account-service.ts';
import type { AssessmentService } from './assessment-service.ts';
import type { AssessmentSummaries } from './assessment-summaries.ts';
import type { BlindReviewService } from './blind-review-service.ts';
import type { CalibrationService } from './calibration-service.ts';
import type { CriterionService } from './criterion-service.ts';
import type { FormSubmissions } from './form-submissions.ts';
import type { IdentityService } from './identity-service.ts';
import type { ImprovementService } from './improvement-service.ts';
import type { PackMoveService } from './pack-move-service.ts';
import type { PackRegistry } from './pack-registry.ts';
import type { ReportService } from '../reports/report-service.ts';
import type { SessionService } from './session-service.ts';
import type { SystemService } from './system-service.ts';
import type { TransferService } from './transfer-service.ts';
import type { WriteRate } from './write-rate.ts';
import type { WorkbookService } from './workbook-service.ts';
import type { TrendService } from './trend-service.ts';

/** Everything the HTTP layer calls, wired once in the composition root (server/main.ts). */
export interface Services {
  systems: SystemService;
  identity: IdentityService;
  accounts: AccountService;
  sessions: SessionService;
  formSubmissions: FormSubmissions;
  assessments: AssessmentService;
  summaries: AssessmentSummaries;
  criteria: CriterionService;
  transfer: TransferService;
  packs: PackRegistry;
  packMoves: PackMoveService;
  reports: ReportService;
  calibration: CalibrationService;
  improvement: ImprovementService;
  /** Writes per user: every API write and signed-in form POST takes one (429 beyond). */
  writeRate: WriteRate;
  workbooks: WorkbookService;
  review: BlindReviewService;
  trends: TrendService;
}
