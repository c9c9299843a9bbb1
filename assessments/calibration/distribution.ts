import { formatNumber } from './display.ts';
import { criteriaIn, scoreOf, type ScoreEntry } from './perspective-scores.ts';

/** One system's final (moderated) score for one criterion in the period being compared. */
export interface FinalCriterionScore {
  /** The ICB's ODS code. */
  system: string;
  /** The NHS England region (reference/icbs.csv), or null when not known. */
  region: string | null;
  criterion: string;
  score: ScoreEntry;
}

/** How many systems scored each point of the scale, and how many were not assessed. */
export interface ScoreCounts {
  byScore: Array<{ score: 1 | 2 | 3 | 4; systems: number; /** Of the systems assessed; null when none was. */ share: number | null }>;
  notAssessed: number;
  assessed: number;
  total: number;
  /** Mean of the scores given, unrounded; null when none was assessed. */
  mean: number | null;
}

/** Where one system stands among the systems with a score for the criterion. */
export interface SystemPosition {
  system: string;
  region: string | null;
  score: number | null;
  /** Competition rank, 1 for the highest score, ties sharing a rank ("1, 2, 2, 4"); null when not assessed. */
  rank: number | null;
  /** The systems with a score: what rank and percentile are out of. */
  ofSystems: number;
  higher: number;
  same: number;
  lower: number;
  /**
   * Percentile rank, 0–100: 100 × (systems scoring lower + half the systems scoring the same,
   * itself included) / systems with a score. On a 4-point scale ties are common, so ties share
   * the middle of their range. Null when not assessed.
   */
  percentile: number | null;
  /** "72nd percentile", or "Not assessed". */
  display: string;
}

/** The distribution of one criterion's final scores across systems in a period. */
export interface CriterionDistribution {
  criterion: string;
  overall: ScoreCounts;
  /** By region in alphabetical order; systems with no region last (region null). */
  byRegion: Array<{ region: string | null; counts: ScoreCounts }>;
  /** Every system, highest score first (then by ODS code), the not assessed last. */
  positions: SystemPosition[];
}

/**
 * Distributions of final scores per criterion across systems in one period: counts of 1/2/3/4 and
 * not assessed, overall and by region, and each system's position (score, rank and percentile).
 * Pass one period's final scores; a system listed twice for one criterion is refused.
 */
export function criterionDistributions(scores: readonly FinalCriterionScore[], options: { criteriaOrder?: readonly string[] } = {}): CriterionDistribution[] {
  const byCriterion = new Map<string, FinalCriterionScore[]>();
  for (const entry of scores) {
    const list = byCriterion.get(entry.criterion) ?? [];
    if (list.some((other) => other.system === entry.system)) throw new RangeError(`${entry.system} has more than one final score for ${entry.criterion}; pass one period's final scores`);
    list.push(entry);
    byCriterion.set(entry.criterion, list);
  }
  const order = criteriaIn([Object.fromEntries(byCriterion)], options.criteriaOrder);
  return order.map((criterion) => distributionOf(criterion, byCriterion.get(criterion) ?? []));
}

function distributionOf(criterion: string, entries: readonly FinalCriterionScore[]): CriterionDistribution {
  const scored = entries.map((entry) => ({ ...entry, score: scoreOf(entry.score, `The final score of ${entry.system} for ${criterion}`) }));
  const regions = [...new Set(scored.map((entry) => entry.region))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'en-GB')));
  const assessedScores = scored.map((entry) => entry.score).filter((score): score is number => score !== null);
  const positions = scored
    .map((entry): SystemPosition => positionOf(entry.system, entry.region, entry.score, assessedScores))
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || (a.system < b.system ? -1 : a.system > b.system ? 1 : 0));
  return {
    criterion,
    overall: countsOf(scored.map((entry) => entry.score)),
    byRegion: regions.map((region) => ({ region, counts: countsOf(scored.filter((entry) => entry.region === region).map((entry) => entry.score)) })),
    positions,
  };
}

/** Counts of each score, not assessed, and the mean, of a list of scores. */
export function countsOf(scores: ReadonlyArray<number | null>): ScoreCounts {
  const assessed = scores.filter((score): score is number => score !== null);
  return {
    byScore: ([1, 2, 3, 4] as const).map((score) => {
      const systems = assessed.filter((value) => value === score).length;
      return { score, systems, share: assessed.length === 0 ? null : systems / assessed.length };
    }),
    notAssessed: scores.length - assessed.length,
    assessed: assessed.length,
    total: scores.length,
    mean: assessed.length === 0 ? null : assessed.reduce((sum, score) => sum + score, 0) / assessed.length,
  };
}

/** A score's position among scores (which include it): rank, counts above/same/below and percentile rank. */
export function positionOf(system: string, region: string | null, score: number | null, among: readonly number[]): SystemPosition {
  if (score === null) {
    return { system, region, score, rank: null, ofSystems: among.length, higher: 0, same: 0, lower: 0, percentile: null, display: 'Not assessed' };
  }
  const higher = among.filter((other) => other > score).length;
  const same = among.filter((other) => other === score).length;
  const lower = among.filter((other) => other < score).length;
  const percentile = (100 * (lower + same / 2)) / among.length;
  return { system, region, score, rank: higher + 1, ofSystems: among.length, higher, same, lower, percentile, display: `${ordinal(Number(formatNumber(percentile, 0)))} percentile` };
}

function ordinal(value: number): string {
  const lastTwo = value % 100;
  const suffix = lastTwo >= 11 && lastTwo <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[value % 10] ?? 'th';
  return `${value}${suffix}`;
}
