import type { Ambition } from '../calibration/ambitions.ts';
import type { GoodPractice } from '../calibration/good-practice.ts';
import type { Perspective, PerspectiveEvidence } from '../evidence/perspective-evidence.ts';
import type { PackIdentity, RulePack } from '../rule-pack/rule-pack.ts';
import type { Outcome } from '../scoring/criterion-result.ts';
import type { PerspectiveResult } from '../scoring/score-perspective.ts';
import type { SystemTrend } from '../trends/trend.ts';
import type { AssessmentStatus } from '../workflow/status.ts';

/** Which assessment a report is about: the identity the cover and running header show. */
export interface ReportAssessment {
  /** The ODS code of the ICB, e.g. QOX. */
  system: string;
  systemName: string;
  /** The NHS England region, or null when not known (a report scored from a file). */
  region: string | null;
  period: string;
  /** Null when the report was scored from a file rather than a stored assessment. */
  status: AssessmentStatus | null;
  pack: PackIdentity;
  /** Synthetic demo data: the cover says so. */
  demo: boolean;
}

/** One perspective that has evidence: what scoring made of it, and the evidence as given (sources, dates, narrative). */
export interface ReportPerspective {
  perspective: Perspective;
  result: PerspectiveResult;
  evidence: PerspectiveEvidence['criteria'];
}

/** The panel's moderated score for one criterion (¶3.125). */
export interface ModeratedScore {
  criterion: string;
  outcome: Outcome;
  rationale: string;
  /** Who recorded it and when (YYYY-MM-DD). */
  by: string;
  on: string;
}

/** A panel member's recorded disagreement with the moderated score of a criterion, kept beside it (the method appendix shows it). */
export interface RecordedDissent {
  criterion: string;
  rationale: string;
  /** The panel member and the day (YYYY-MM-DD). */
  by: string;
  on: string;
}

/** What a stored assessment adds for improvement: good practice others share (¶3.123) and the system's own ambitions (¶3.121). */
export interface ReportImprovement {
  goodPractice: readonly GoodPractice[];
  ambitions: readonly Ambition[];
}

export interface ReportOptions {
  /** The protective marking shown on every page; "OFFICIAL" unless told otherwise. */
  protectiveMarking?: string;
  /** The day the report is made, YYYY-MM-DD: passed in, so the same input gives the same report. */
  generatedOn: string;
}

/** Everything a calibration report is made from. The pack is the one the assessment pins. */
export interface ReportInput {
  assessment: ReportAssessment;
  pack: RulePack;
  /** The perspectives that have evidence, in any order; the report shows them self, peer, assessor. */
  perspectives: readonly ReportPerspective[];
  moderation: readonly ModeratedScore[];
  /** Disagreement with moderated scores; absent for a report scored from a file, which has no panel. */
  dissents?: readonly RecordedDissent[];
  /** Null for a report scored from a file: there are no other systems or ambitions to draw on. */
  improvement: ReportImprovement | null;
  /** The system's trend across periods (with its predecessors'), when known. */
  trend?: SystemTrend | null;
  options: ReportOptions;
}
