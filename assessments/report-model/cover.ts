import type { AssessmentStatus } from '../workflow/status.ts';
import type { ReportInput } from './report-input.ts';
import type { Cover } from './report-model.ts';
import { listInWords, longDate } from './words.ts';

export const reportTitle = 'ICS maturity calibration report';

const statusNames = { draft: 'Draft', submitted: 'Submitted', 'in-review': 'In review', moderated: 'Moderated', published: 'Published' } as const;

/** The status in words; in calibration mode (¶3.125) nothing is published, so the last step is named for what it is. */
export function statusInWords(status: AssessmentStatus, calibrationLabel: string | null): string {
  return calibrationLabel !== null && status === 'published' ? 'Moderated and released for calibration' : statusNames[status];
}

/** The cover: system, period, perspectives included, status, rule pack, date, protective marking and labels. */
export function coverOf(input: ReportInput, labels: { protectiveMarking: string; calibrationLabel: string | null }, perspectives: readonly string[]): Cover {
  const { assessment, pack } = input;
  return {
    title: reportTitle,
    systemName: assessment.systemName,
    systemCode: assessment.system,
    period: assessment.period,
    facts: [
      { term: 'System', value: `${assessment.systemName} (${assessment.system})` },
      ...(assessment.region === null ? [] : [{ term: 'NHS England region', value: assessment.region }]),
      { term: 'Period', value: assessment.period },
      { term: 'Perspectives included', value: perspectives.length === 0 ? 'None yet' : listInWords(perspectives) },
      { term: 'Status', value: assessment.status === null ? 'Scored from a file (not a stored assessment)' : statusInWords(assessment.status, labels.calibrationLabel) },
      { term: 'Rule pack', value: `${pack.id} version ${pack.version}` },
      { term: 'Date of this report', value: longDate(input.options.generatedOn) },
      { term: 'Protective marking', value: labels.protectiveMarking },
    ],
    protectiveMarking: labels.protectiveMarking,
    calibrationLabel: labels.calibrationLabel,
    demoLabel: assessment.demo ? 'Synthetic demo data: not a real assessment of this system' : null,
  };
}
