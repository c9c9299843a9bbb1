import type { Principal } from '../../assessments/access/roles.ts';
import { perspectives } from '../../assessments/evidence/perspective-evidence.ts';
import { latestByCriterion } from '../persistence/assessment-records.ts';
import type { AssessmentService } from './assessment-service.ts';
import type { CalibrationService } from './calibration-service.ts';
import type { Clock } from './clock.ts';
import type { CriterionService, EvidenceContent, JudgementContent, ModerationContent } from './criterion-service.ts';
import { scoreOf } from './final-scores.ts';
import { workbookOf, type Sheet, type SheetCell } from './workbook.ts';

/** A workbook to download: its bytes and a filename made only of safe characters. */
export interface WorkbookFile {
  body: Buffer;
  filename: string;
}

export const workbookType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Excel workbooks people can work with: of one assessment (scores per perspective with findings,
 * evidence, judgements and rationales, moderation and dissent from it) and of a period's calibration across systems.
 * Each reads through the same services, and so the same access rules, as its JSON equivalent.
 */
export class WorkbookService {
  constructor(
    private readonly assessments: AssessmentService,
    private readonly criteria: CriterionService,
    private readonly calibration: CalibrationService,
    private readonly clock: Clock,
  ) {}

  async assessment(id: string, principal: Principal): Promise<WorkbookFile> {
    const snapshot = await this.assessments.snapshot(id, principal);
    const { assessment, records } = snapshot;
    const scores: SheetCell[][] = [];
    const findings: SheetCell[][] = [];
    for (const perspective of perspectives) {
      const result = await this.criteria.scoreSnapshot(snapshot, perspective);
      for (const criterion of result.criteria) {
        const outcome = criterion.judgement.outcome;
        scores.push([criterion.criterion, criterion.title, perspective, scoreOf(criterion.proposed), scoreOf(outcome), outcome !== null && 'status' in outcome ? outcome.status : null, criterion.judgement.decision]);
        for (const finding of criterion.findings) findings.push([criterion.criterion, perspective, finding.label, ...valueCells(finding.value), finding.comparison, ...valueCells(finding.threshold), finding.met ? 'Yes' : 'No', finding.meaning, finding.citation]);
      }
    }
    const evidence: SheetCell[][] = [];
    const judgements: SheetCell[][] = [];
    for (const perspective of perspectives) {
      for (const [criterion, record] of latestByCriterion<EvidenceContent>(records, 'evidence', perspective)) {
        const { indicators, narrative } = record.content.evidence;
        for (const [indicator, sourced] of Object.entries(indicators as Record<string, { value: unknown; source: string; asAt: string }>)) {
          evidence.push([criterion, perspective, indicator, ...valueCells(sourced.value), sourced.source, dateOf(sourced.asAt), record.version, record.by.name, record.at]);
        }
        if (narrative !== undefined) evidence.push([criterion, perspective, 'narrative', null, narrative.value, narrative.source, dateOf(narrative.asAt), record.version, record.by.name, record.at]);
      }
      for (const [criterion, record] of latestByCriterion<JudgementContent>(records, 'judgement', perspective)) {
        const { judgement } = record.content;
        judgements.push([criterion, perspective, judgement.decision, 'score' in judgement ? judgement.score : null, 'status' in judgement ? judgement.status : null, judgement.rationale ?? null, record.by.name, record.at]);
      }
    }
    const moderation = [...latestByCriterion<ModerationContent>(records, 'moderation', null)].map(([criterion, record]): SheetCell[] => [
      criterion, scoreOf(record.content.outcome), 'status' in record.content.outcome ? record.content.outcome.status : null, record.content.rationale, record.by.name, record.at,
    ]);
    const dissents = (await this.criteria.dissents(id, principal)).map((record): SheetCell[] => [record.criterion, record.content.rationale, record.by.name, record.at]);
    const sheets: Sheet[] = [
      { name: 'Scores', columns: [text('Criterion'), text('Title', 40), text('Perspective', 12), number('Proposed score'), number('Judged score'), text('Gate status', 18), text('Decision', 14)], rows: scores },
      { name: 'Findings', columns: [text('Criterion'), text('Perspective', 12), text('Indicator', 40), number('Value'), text('Value (not a number)'), text('Comparison', 12), number('Threshold'), text('Threshold (not a number)'), text('Met', 8), text('What it means', 60), text('Paragraph', 12)], rows: findings },
      { name: 'Evidence', columns: [text('Criterion'), text('Perspective', 12), text('Indicator'), number('Value'), text('Value (not a number)', 40), text('Source', 40), date('As at'), number('Version'), text('Saved by'), date('Saved at')], rows: evidence },
      { name: 'Judgements', columns: [text('Criterion'), text('Perspective', 12), text('Decision', 14), number('Score'), text('Gate status', 18), text('Rationale', 60), text('Judged by'), date('Judged at')], rows: judgements },
      { name: 'Moderation', columns: [text('Criterion'), number('Moderated score'), text('Gate status', 18), text('Rationale', 60), text('Moderated by'), date('Moderated at')], rows: moderation },
      { name: 'Dissent', columns: [text('Criterion'), text('Why the panel member disagrees', 60), text('Panel member'), date('Recorded at')], rows: dissents },
    ];
    const body = await workbookOf(sheets, { title: `Assessment of ${assessment.systemName}, ${assessment.period}`, created: this.clock.now() });
    return { body, filename: `assessment-${assessment.system}-${assessment.period.replace('/', '-')}.xlsx` };
  }

  /** The cross-system calibration tables of a period (assessors, self-assessment, distribution), for those who may see them. */
  async calibrationPeriod(period: string, principal: Principal): Promise<WorkbookFile> {
    const found = await this.calibration.forPeriod(period, principal);
    const leniencyColumns = [number('Mean (score − moderated)'), number('Criteria it rests on'), number('Criteria not yet moderated'), number('Assessments'), text('Direction', 16), text('Flagged', 8)];
    const leniency = (entry: (typeof found.assessors)[number] | (typeof found.selfAssessment)[number]): SheetCell[] => [entry.rounded, entry.count, entry.unmoderated, entry.assessments, entry.direction, entry.flagged ? 'Yes' : 'No'];
    const sheets: Sheet[] = [
      { name: 'Assessors', columns: [text('Assessor'), text('Perspective', 12), ...leniencyColumns], rows: found.assessors.map((entry) => [entry.scorerName, entry.perspective, ...leniency(entry)]) },
      { name: 'Self-assessment', columns: [text('System', 10), ...leniencyColumns], rows: found.selfAssessment.map((entry) => [entry.system, ...leniency(entry)]) },
      {
        name: 'Distribution',
        columns: [text('Criterion'), text('System', 10), text('Region'), number('Final score'), number('Rank'), number('Of systems'), number('Percentile')],
        rows: found.distributions.flatMap((distribution) => distribution.positions.map((position) => [distribution.criterion, position.system, position.region, position.score, position.rank, position.ofSystems, position.percentile])),
      },
    ];
    const body = await workbookOf(sheets, { title: `Calibration across systems, ${period}`, created: this.clock.now() });
    return { body, filename: `calibration-${period.replace('/', '-')}.xlsx` };
  }
}

const text = (header: string, width?: number) => ({ header, type: 'text' as const, ...(width === undefined ? {} : { width }) });
const number = (header: string) => ({ header, type: 'number' as const });
const date = (header: string) => ({ header, type: 'date' as const });

/** A value as two cells, a number and everything else as text (yes/no, a date, a choice, a list as JSON), so numbers stay numbers. */
function valueCells(value: unknown): [number | null, string | null] {
  if (value === null || value === undefined) return [null, null];
  if (typeof value === 'number') return [value, null];
  if (typeof value === 'boolean') return [null, value ? 'Yes' : 'No'];
  if (typeof value === 'string') return [null, value];
  return [null, JSON.stringify(value)];
}

/** An as-at date (YYYY-MM-DD) as a real date, at midnight UTC. */
function dateOf(asAt: string): Date | null {
  const date = new Date(`${asAt}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}
