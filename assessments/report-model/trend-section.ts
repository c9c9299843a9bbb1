import { hasSeveralPeriods, type SystemTrend } from '../trends/trend.ts';
import type { TrendSection } from './report-model.ts';
import { trendChart } from './trend-chart.ts';

/** The report's trend across periods, when the system or its predecessors have more than one period; else null. */
export function trendSectionOf(trend: SystemTrend | null | undefined): TrendSection | null {
  if (trend === null || trend === undefined || !hasSeveralPeriods(trend)) return null;
  return {
    chart: trendChart('trend-chart', trend),
    rows: trend.series.flatMap((series) =>
      series.points.map((point) => ({
        system: `${series.name} (${series.system})`,
        period: point.period,
        rating: `${point.rating?.label ?? 'Not rated'}${point.percentage === null ? '' : `, ${point.percentage}%`}${point.provisional ? ' (provisional)' : ''}`,
        pack: point.pack.version,
        note: point.differentRules === null ? '' : `Scored under different rules from ${point.differentRules.comparedWith.period}: ${[...point.differentRules.criteria.map((criterion) => criterion.criterion), ...(point.differentRules.rating ? ['the rating'] : [])].join(', ')}`,
      })),
    ),
  };
}
