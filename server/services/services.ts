import type { AccountService } from './account-service.ts';
import type { AssessmentService } from './assessment-service.ts';
import type { CalibrationService } from './calibration-service.ts';
import type { CriterionService } from './criterion-service.ts';
import type { FormSubmissions } from './form-submissions.ts';
import type { IdentityService } from './identity-service.ts';
import type { ImprovementService } from './improvement-service.ts';
import type { PackRegistry } from './pack-registry.ts';
import type { ReportService } from '../reports/report-service.ts';
import type { SessionService } from './session-service.ts';
import type { SystemService } from './system-service.ts';
import type { TransferService } from './transfer-service.ts';

/** Everything the HTTP layer calls, wired once in the composition root (server/main.ts). */
export interface Services {
  systems: SystemService;
  identity: IdentityService;
  accounts: AccountService;
  sessions: SessionService;
  formSubmissions: FormSubmissions;
  assessments: AssessmentService;
  criteria: CriterionService;
  transfer: TransferService;
  packs: PackRegistry;
  reports: ReportService;
  calibration: CalibrationService;
  improvement: ImprovementService;
}
