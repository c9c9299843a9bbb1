import { z } from 'zod';
import type { ScoreCounts } from '../../../assessments/calibration/distribution.ts';
import { formatNumber, formatShare } from '../../../assessments/calibration/display.ts';
import type { Leniency } from '../../../assessments/calibration/leniency.ts';
import { ValidationError, issuesOf } from '../../../assessments/errors.ts';
import { period as periodSchema } from '../../../assessments/evidence/perspective-evidence.ts';
import { plausiblePeriods } from '../../../assessments/workflow/plausible-periods.ts';
import { indicatorLines } from '../../../assessments/report-model/indicator-lines.ts';
import { anchorOf, perspectiveNames } from '../../../assessments/report-model/words.ts';
import { assessmentParams } from '../../http/schemas.ts';
import { calibrationTables, refuseUnlessMayCompare, type CalibrationTable } from '../../services/calibration-service.ts';
import type { Services } from '../../services/services.ts';
import type { Principal } from '../../../assessments/access/roles.ts';
import { workbookType } from '../../services/workbook-service.ts';
import type { PageRoute } from '../page.ts';
import { assessmentContext, assessmentModel } from './assessment-context.ts';

const directions: Readonly<Record<NonNullable<Leniency['direction']>, string>> = { lenient: 'Above the moderated scores', harsh: 'Below the moderated scores', level: 'Level with the moderated scores' };

/**
 * Calibration (¶3.125), within one assessment (agreement and weighted kappa per pair of
 * perspectives, divergences with what each side saw, the scores side by side) and across the
 * systems assessed in a period (assessor leniency, self-assessment against moderation, the spread
 * of final scores by criterion overall and by region), with the tables as CSV downloads.
 */
export const calibrationPages: PageRoute[] = [
  {
    method: 'get',
    path: '/assessments/:id/calibration',
    access: { kind: 'assessment', action: 'read' },
    params: assessmentParams,
    handle: async ({ params, principal, services }) => {
      const context = await assessmentContext(services, params.id!, principal!);
      const id = context.assessment.id;
      const [{ calibration }, within] = await Promise.all([services.reports.model(id, principal!), services.calibration.forAssessment(id, principal!)]);
      const titleOf = (criterion: string) => context.pack.criteria.find((entry) => entry.id === criterion)?.title ?? criterion;
      return {
        view: 'calibration/assessment',
        title: `Calibration – ${context.titleName}`,
        model: {
          ...assessmentModel(context),
          calibration,
          divergences: within.divergences.map((divergence) => ({
            title: titleOf(divergence.criterion),
            text: calibration.divergences.find((entry) => entry.anchor === anchorOf(divergence.criterion))?.text ?? '',
            sides: divergence.sides.map((side) => ({ caption: `${perspectiveNames[side.perspective]}: ${side.score === null ? 'not assessed' : `scored ${side.score}`}`, findings: indicatorLines(side.findings) })),
          })),
        },
      };
    },
  },
  {
    method: 'get',
    path: '/calibration/workbook.xlsx',
    access: { kind: 'signed-in' },
    handle: async ({ query, principal, services }) => {
      const parsed = periodSchema.safeParse(query.period);
      if (!parsed.success) throw new ValidationError('The period is not valid', issuesOf(parsed.error).map((issue) => ({ ...issue, path: 'period' })));
      const { body, filename } = await services.workbooks.calibrationPeriod(parsed.data, principal!);
      return { download: { body, type: workbookType, filename } };
    },
  },
  {
    method: 'get',
    path: '/calibration/:table.csv',
    access: { kind: 'signed-in' },
    params: z.strictObject({ table: z.enum(calibrationTables) }),
    handle: async ({ params, query, principal, services }) => {
      const parsed = periodSchema.safeParse(query.period);
      if (!parsed.success) throw new ValidationError('The period is not valid', issuesOf(parsed.error).map((issue) => ({ ...issue, path: 'period' })));
      const period = parsed.data;
      const table = params.table as CalibrationTable;
      return { download: { body: await services.calibration.csv(period, table, principal!), type: 'text/csv; charset=utf-8', filename: `calibration-${table}-${period.replace('/', '-')}.csv` } };
    },
  },
  {
    method: 'get',
    path: '/calibration',
    access: { kind: 'signed-in' },
    handle: async ({ query, principal, services }) => {
      // Refused before looking for a period, so that it is refused when there is nothing to show too.
      refuseUnlessMayCompare(principal!);
      const asked = query.period === undefined ? await latestPeriod(services, principal!, new Date()) : query.period;
      const base = { title: 'Calibration across systems', view: 'calibration/period' };
      if (asked === null) return { ...base, model: { period: '', calibration: null } };
      const parsed = periodSchema.safeParse(asked);
      if (!parsed.success) {
        const message = parsed.error.issues[0]?.message ?? 'Enter a period such as 2025/26';
        return { ...base, status: 400, model: { errors: [{ href: '#period', text: message }], period: typeof asked === 'string' ? asked : '', calibration: null } };
      }
      const period = parsed.data;
      const found = await services.calibration.forPeriod(period, principal!);
      const titleOf = (criterion: string) => services.packs.current.criteria.find((entry) => entry.id === criterion)?.title ?? criterion;
      const csv = (table: CalibrationTable) => `/calibration/${table}.csv?period=${encodeURIComponent(period)}`;
      return {
        ...base,
        title: `Calibration across systems, ${period}`,
        model: {
          period,
          calibration: {
            assessments: found.assessments,
            assessors: found.assessors.map((entry) => ({ name: entry.scorerName, perspective: perspectiveNames[entry.perspective], ...leniencyInWords(entry) })),
            selfAssessment: found.selfAssessment.map((entry) => ({ system: entry.system, ...leniencyInWords(entry) })),
            distributions: found.distributions.map((distribution) => ({
              title: titleOf(distribution.criterion),
              rows: [{ name: 'All systems', ...countsInWords(distribution.overall) }, ...distribution.byRegion.map((entry) => ({ name: entry.region ?? 'Region not known', ...countsInWords(entry.counts) }))],
              positions: distribution.positions.map((position) => ({ system: position.system, region: position.region ?? 'Not known', score: position.score ?? 'Not assessed', rank: position.rank === null ? '–' : `${position.rank} of ${position.ofSystems}`, display: position.display })),
            })),
            workbook: `/calibration/workbook.xlsx?period=${encodeURIComponent(period)}`,
            csv: { assessors: csv('assessors'), selfAssessment: csv('self-assessment'), distribution: csv('distribution') },
          },
        },
      };
    },
  },
];

/**
 * The most recent plausible period (assessments/workflow/plausible-periods.ts) among the assessments
 * the asker may see, or null when there are none: one stored for an implausible period (made before
 * periods were checked, say 2365/66) is never the default.
 */
async function latestPeriod(services: Services, principal: Principal, now: Date): Promise<string | null> {
  for (const period of plausiblePeriods(now)) {
    const found = await services.assessments.list({ period }, { page: 1, pageSize: 1 }, principal);
    if (found.items.length > 0) return period;
  }
  return null;
}

function leniencyInWords(leniency: Leniency) {
  return {
    mean: leniency.display,
    count: leniency.count,
    unmoderated: leniency.unmoderated,
    assessments: leniency.assessments,
    direction: leniency.direction === null ? 'No moderated scores yet' : directions[leniency.direction],
    flagged: leniency.flagged,
  };
}

function countsInWords(counts: ScoreCounts) {
  return {
    byScore: counts.byScore.map((entry) => `${entry.systems}${entry.share === null ? '' : ` (${formatShare(entry.share)})`}`),
    notAssessed: counts.notAssessed,
    mean: counts.mean === null ? '–' : formatNumber(counts.mean, 2),
  };
}
