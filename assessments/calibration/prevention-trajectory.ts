import { round2 } from '../evidence/criterion-evidence.ts';

/** The prevention share of the ICS NHS budget as the prevention-shift evidence gives it (¶2.16–2.22). */
export interface PreventionShares {
  /** The year of the published baseline (¶2.19). */
  baselineYear: number;
  /** The prevention share of the ICS NHS budget, by year, in per cent. */
  shares: ReadonlyArray<{ year: number; sharePercent: number }>;
}

/** The pack parameters of prevention-shift that draw the line: a rise of `targetRisePoints` over `targetYears` (¶2.20). */
export interface PreventionLine {
  /** Percentage points the share should rise by over `targetYears`; 1 in the shipped pack. */
  targetRisePoints: number;
  /** Years over which the rise is expected; 5 in the shipped pack. */
  targetYears: number;
  /**
   * How far ahead of the line counts as ahead, and how far behind still counts as on the line, in
   * percentage points: the pack's `tolerancePoints` (0.1 in the shipped pack); 0 when not given.
   */
  tolerancePoints?: number;
}

/** One year of the chart: the actual share (if reported) and where the expected line is. */
export interface TrajectoryPoint {
  year: number;
  /** Null when no share was reported for the year. */
  actual: number | null;
  /** baseline share + targetRisePoints × min(year − baselineYear, targetYears) / targetYears; null before the baseline year or without a baseline share. */
  expected: number | null;
  /** actual − expected, in percentage points, unrounded; null when either is missing. */
  difference: number | null;
  /**
   * Against the line, as the prevention-shift rules judge it: ahead when the difference (rounded to
   * 2 places) is above the tolerance, on the line when it is no more than the tolerance behind,
   * otherwise behind. Null when either value is missing.
   */
  position: 'ahead' | 'on-line' | 'behind' | null;
}

export interface PreventionTrajectory {
  baselineYear: number;
  /** The share reported for the baseline year, or null when it is missing (then there is no line). */
  baselineShare: number | null;
  /** The year the full rise is due: baselineYear + targetYears. */
  targetYear: number;
  /** Where the line ends: baseline share + targetRisePoints. */
  targetShare: number | null;
  /** One point a year, in order, from the earliest of (first reported year, baseline year) to the latest of (last reported year, target year). */
  points: TrajectoryPoint[];
}

/** Reads the line's parameters from a prevention-shift criterion's `parameterValues`, refusing what is not a positive number. */
export function preventionLineOf(parameters: Readonly<Record<string, number | string | boolean>>): PreventionLine {
  const read = (name: string): number => {
    const value = parameters[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new RangeError(`The prevention-shift parameter ${name} must be a positive number; got ${String(value)}`);
    return value;
  };
  const tolerance = parameters.tolerancePoints;
  if (tolerance !== undefined && (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0)) {
    throw new RangeError(`The prevention-shift parameter tolerancePoints must be a number of 0 or more; got ${String(tolerance)}`);
  }
  return { targetRisePoints: read('targetRisePoints'), targetYears: read('targetYears'), ...(tolerance === undefined ? {} : { tolerancePoints: tolerance }) };
}

/**
 * The shares and baseline year from prevention-shift indicators (`preventionShare` and
 * `baselineYear`, each a sourced item), or null when either is not given.
 */
export function preventionSharesOf(indicators: {
  preventionShare?: { value: ReadonlyArray<{ year: number; sharePercent: number }> } | undefined;
  baselineYear?: { value: number } | undefined;
}): PreventionShares | null {
  const shares = indicators.preventionShare?.value;
  const baselineYear = indicators.baselineYear?.value;
  return shares === undefined || baselineYear === undefined ? null : { baselineYear, shares };
}

/**
 * The prevention share year by year against the expected line (domain.md, prevention-shift: expected
 * rise by year t = targetRisePoints × min(t − baseline year, targetYears) / targetYears points),
 * ready for a chart: a point for every year, with the actual share where one was reported.
 */
export function preventionTrajectory(evidence: PreventionShares, line: PreventionLine): PreventionTrajectory {
  if (!Number.isInteger(evidence.baselineYear)) throw new RangeError(`The baseline year must be a whole year; got ${evidence.baselineYear}`);
  if (!(line.targetYears > 0)) throw new RangeError(`targetYears must be above 0; got ${line.targetYears}`);
  const actualBy = new Map<number, number>();
  for (const { year, sharePercent } of evidence.shares) {
    if (!Number.isInteger(year)) throw new RangeError(`A year must be a whole year; got ${year}`);
    if (!Number.isFinite(sharePercent)) throw new RangeError(`The share for ${year} must be a number`);
    if (actualBy.has(year)) throw new RangeError(`The share for ${year} is given twice`);
    actualBy.set(year, sharePercent);
  }
  const baselineShare = actualBy.get(evidence.baselineYear) ?? null;
  const targetYear = evidence.baselineYear + Math.ceil(line.targetYears);
  const years = [...actualBy.keys(), evidence.baselineYear, targetYear];
  const first = Math.min(...years);
  const last = Math.max(...years);
  const tolerance = line.tolerancePoints ?? 0;

  const points: TrajectoryPoint[] = [];
  for (let year = first; year <= last; year += 1) {
    const actual = actualBy.get(year) ?? null;
    const expected =
      baselineShare === null || year < evidence.baselineYear
        ? null
        : baselineShare + (line.targetRisePoints * Math.min(year - evidence.baselineYear, line.targetYears)) / line.targetYears;
    const difference = actual === null || expected === null ? null : actual - expected;
    const rounded = difference === null ? null : round2(difference);
    const position = rounded === null ? null : rounded > tolerance ? 'ahead' : rounded >= -tolerance ? 'on-line' : 'behind';
    points.push({ year, actual, expected, difference, position });
  }
  return {
    baselineYear: evidence.baselineYear,
    baselineShare,
    targetYear,
    targetShare: baselineShare === null ? null : baselineShare + line.targetRisePoints,
    points,
  };
}
