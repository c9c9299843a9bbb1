import type { PageRoute } from '../page.ts';
import { assessmentEvidencePages } from './assessment-evidence-pages.ts';
import { assessmentHistoryPages } from './assessment-history-pages.ts';
import { assessmentJudgementPages } from './assessment-judgement-pages.ts';
import { assessmentModerationPages } from './assessment-moderation-pages.ts';
import { assessmentOverviewPages } from './assessment-overview-pages.ts';
import { assessmentPackPages } from './assessment-pack-pages.ts';
import { assessmentReportPages } from './assessment-report-pages.ts';
import { assessmentTaskListPages } from './assessment-task-list-pages.ts';

/**
 * The pages of one assessment. A path with a fixed word (history, moderation, check, judgement…)
 * comes before the path with a perspective or criterion in its place, so that the word is never
 * read as one; any other page under /assessments/:id/ with a fixed word must come before these.
 */
export const assessmentPages: PageRoute[] = [
  ...assessmentOverviewPages,
  ...assessmentReportPages,
  ...assessmentHistoryPages,
  ...assessmentModerationPages,
  ...assessmentPackPages,
  ...assessmentTaskListPages,
  ...assessmentJudgementPages,
  ...assessmentEvidencePages,
];
