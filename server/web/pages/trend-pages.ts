import { z } from 'zod';
import { odsCode, period as periodSchema } from '../../../assessments/evidence/perspective-evidence.ts';
import { trendChart } from '../../../assessments/report-model/trend-chart.ts';
import { dayInWords } from '../../../assessments/systems/period-dates.ts';
import { hasSeveralPeriods, type TrendPoint } from '../../../assessments/trends/trend.ts';
import type { PageRoute } from '../page.ts';

const systemParams = z.strictObject({ code: odsCode });
const changeWords = { up: 'Up', down: 'Down', same: 'No change' } as const;

/** A point's rating in words: "Good, 71% (provisional)", or why there is none. */
function ratingWords(point: Pick<TrendPoint, 'rating' | 'percentage' | 'provisional'> | null): string {
  if (point === null) return 'Not assessed';
  return `${point.rating?.label ?? 'Not rated'}${point.percentage === null ? '' : `, ${point.percentage}%`}${point.provisional ? ' (provisional)' : ''}`;
}

/** A system's trend across periods (following successions back) and the national view of a period, with the trend as CSV. */
export const trendPages: PageRoute[] = [
  {
    method: 'get',
    path: '/systems/:code/trend',
    access: { kind: 'signed-in' },
    params: systemParams,
    handle: async ({ params, principal, services }) => {
      const trend = await services.trends.forSystem(params.code!, principal!);
      const titleOf = new Map(trend.criteria.map((criterion) => [criterion.id, criterion.title]));
      return {
        view: 'trends/system',
        title: `Trend: ${trend.name} (${trend.system})`,
        model: {
          trend,
          chart: hasSeveralPeriods(trend) ? trendChart('trend-chart', trend) : null,
          csv: `/systems/${trend.system}/trend.csv`,
          criteria: trend.criteria,
          series: trend.series.map((series) => ({
            ...series,
            caption: `${series.name} (${series.system})${series.role === 'predecessor' && series.until !== null ? `: until ${dayInWords(series.until)}` : ''}`,
            points: series.points.map((point) => ({
              ...point,
              ratingText: ratingWords(point),
              scoreCells: trend.criteria.map((criterion) => point.scores[criterion.id] ?? '–'),
              rulesNote:
                point.differentRules === null
                  ? null
                  : {
                      heading: `Scored under different rules from ${point.differentRules.comparedWith.period} (${point.differentRules.comparedWith.system}): pack ${point.differentRules.from.version} then, ${point.differentRules.to.version} now`,
                      items: [
                        ...point.differentRules.criteria.map((criterion) => `${titleOf.get(criterion.criterion) ?? criterion.criterion}: ${criterion.changes.join(' ')}`),
                        ...(point.differentRules.rating ? ['The bands, limiters or rounding of the rating changed.'] : []),
                      ],
                    },
            })),
          })),
        },
      };
    },
  },
  {
    method: 'get',
    path: '/systems/:code/trend.csv',
    access: { kind: 'signed-in' },
    params: systemParams,
    handle: async ({ params, principal, services }) => ({ download: { body: await services.trends.csv(params.code!, principal!), type: 'text/csv; charset=utf-8', filename: `trend-${params.code}.csv` } }),
  },
  {
    method: 'get',
    path: '/national',
    access: { kind: 'signed-in' },
    handle: async ({ query, principal, services }) => {
      const asked = query.period ?? services.systems.currentPeriod();
      const parsed = periodSchema.safeParse(asked);
      const base = { view: 'trends/national', title: 'National view' };
      if (!parsed.success) return { ...base, status: 400, model: { errors: [{ href: '#period', text: parsed.error.issues[0]?.message ?? 'Enter a period such as 2025/26' }], period: typeof asked === 'string' ? asked.slice(0, 20) : '', national: null } };
      const national = await services.trends.national(parsed.data, principal!);
      return {
        ...base,
        title: `National view, ${national.period}`,
        model: {
          period: national.period,
          national: {
            ...national,
            rows: national.rows.map((row) => ({
              ...row,
              currentText: ratingWords(row.current),
              previousText: row.previous.length === 0 ? ['Not assessed'] : row.previous.map((point) => (row.previous.length === 1 && point.system === row.system ? ratingWords(point) : `${point.systemName} (${point.system}): ${ratingWords(point)}`)),
              changeText: row.change.length === 0 ? ['–'] : row.change.map((change) => `${row.change.length > 1 ? `from ${change.from}: ` : ''}${change.direction === null ? 'Not comparable' : changeWords[change.direction]}`),
            })),
          },
        },
      };
    },
  },
];
