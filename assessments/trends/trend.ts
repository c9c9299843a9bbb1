import type { PackIdentity } from '../rule-pack/rule-pack.ts';
import type { RatingId } from '../rule-pack/pack-schema.ts';
import type { RulesDifference } from './rules-difference.ts';

/** One assessment's agreed result in a period, as a trend shows it. */
export interface TrendPoint {
  period: string;
  assessmentId: string;
  /** The code and name the assessment was made under. */
  system: string;
  systemName: string;
  status: string;
  pack: PackIdentity;
  rating: { id: RatingId; label: string } | null;
  percentage: number | null;
  provisional: boolean;
  /** Each scored criterion's final score (null: not assessed), by criterion id. */
  scores: Record<string, number | null>;
  gate: string | null;
  /** Set when this point was scored under different rules from the point before it. */
  differentRules: (RulesDifference & { comparedWith: { period: string; system: string } }) | null;
}

/** One system's points, oldest period first. A predecessor's series stops at its succession. */
export interface TrendSeries {
  system: string;
  name: string;
  /** `system`: the system asked about; `predecessor`: one it succeeded, directly or not. */
  role: 'system' | 'predecessor';
  /** The day it ceased, for a predecessor (its series ends there). */
  until: string | null;
  /** The systems whose series lead into this one (its direct predecessors in the trend). */
  succeeded: string[];
  points: TrendPoint[];
}

export interface SystemTrend {
  system: string;
  name: string;
  /** Every period any series has a point in, in order. */
  periods: string[];
  criteria: Array<{ id: string; title: string }>;
  /** The predecessors' series first (furthest back first), then the system's own. */
  series: TrendSeries[];
}

/**
 * The point each point is compared with: the one before it in its own series, else (its series'
 * first point) the last point before it of each series it succeeded.
 */
export function previousPoints(series: readonly TrendSeries[], of: TrendSeries, index: number): TrendPoint[] {
  if (index > 0) return [of.points[index - 1] as TrendPoint];
  const period = of.points[index]?.period ?? '';
  return series
    .filter((other) => of.succeeded.includes(other.system))
    .map((other) => other.points.filter((point) => point.period < period).at(-1))
    .filter((point): point is TrendPoint => point !== undefined);
}

/** Whether a trend has something to draw: more than one period across the system and its predecessors. */
export function hasSeveralPeriods(trend: SystemTrend): boolean {
  return trend.periods.length > 1;
}
