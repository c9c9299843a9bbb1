import { formatShare, roundTo } from './display.ts';

/** One of a system's own stated priorities, with the outcome metric it will be held to (¶3.121). */
export interface Ambition {
  title: string;
  /** The outcome metric, e.g. "Emergency admissions for falls per 100,000 people aged 65+". */
  metric: string;
  baseline: number;
  /** ISO date (YYYY-MM-DD) of the baseline. */
  baselineDate: string;
  target: number;
  /** ISO date by which the target is to be reached. */
  targetDate: string;
  /** The latest value, or null when none has been reported since the baseline. */
  latest: number | null;
  latestDate: string | null;
  direction: 'higher-is-better' | 'lower-is-better';
}

export type AmbitionStatus = 'target-met' | 'ahead' | 'on-track' | 'behind' | 'no-latest-value';

export interface AmbitionProgress {
  title: string;
  metric: string;
  status: AmbitionStatus;
  /** "Target met", "Ahead", "On track", "Behind", "No latest value". */
  statusLabel: string;
  /**
   * (latest − baseline) / (target − baseline), unrounded: 0 at the baseline, 1 at the target, below
   * 0 when the metric moved the wrong way. Null when there is no latest value or target = baseline.
   */
  progress: number | null;
  progressDisplay: string;
  /** Where the straight line from baseline to target says the metric should be by the latest date. */
  expected: number | null;
  /** The share of the line's time elapsed by the latest date (0–1): the progress expected by then. */
  expectedProgress: number | null;
  /** Latest − expected in the better direction (positive is ahead of the line), unrounded. */
  gap: number | null;
  notes: string[];
}

/** Progress within this share of the baseline-to-target distance of the line counts as on track (5 points). */
export const defaultAmbitionTolerance = 0.05;

/**
 * Progress against a system's own priority (domain.md, "Own ambitions"): how far from baseline to
 * target the latest value is, where the straight line from (baselineDate, baseline) to
 * (targetDate, target) says it should be by the latest date, and a status: target met (at or beyond
 * the target in the better direction), ahead / on track / behind the line (on track when within
 * `tolerance` of the baseline-to-target distance). A zero-length line (target date = baseline date)
 * expects the target from that date; a target equal to the baseline is a target to hold the line.
 */
export function ambitionProgress(ambition: Ambition, options: { tolerance?: number } = {}): AmbitionProgress {
  const tolerance = options.tolerance ?? defaultAmbitionTolerance;
  const baselineDay = dayOf(ambition.baselineDate, 'baseline date');
  const targetDay = dayOf(ambition.targetDate, 'target date');
  if (targetDay < baselineDay) throw new RangeError(`The target date ${ambition.targetDate} of "${ambition.title}" is before its baseline date ${ambition.baselineDate}`);
  for (const [name, value] of [['baseline', ambition.baseline], ['target', ambition.target], ['latest value', ambition.latest ?? 0]] as const) {
    if (!Number.isFinite(value)) throw new RangeError(`The ${name} of "${ambition.title}" must be a number`);
  }
  const better = ambition.direction === 'higher-is-better' ? 1 : -1;
  const notes: string[] = [];
  if (Math.sign(ambition.target - ambition.baseline) === -better) {
    notes.push(`The target moves the metric the way the direction calls worse (${ambition.direction.replace(/-/g, ' ')}); progress is measured towards the target as written.`);
  }
  const base = { title: ambition.title, metric: ambition.metric };
  if (ambition.latest === null || ambition.latestDate === null) {
    return { ...base, status: 'no-latest-value', statusLabel: labels['no-latest-value'], progress: null, progressDisplay: 'No latest value', expected: null, expectedProgress: null, gap: null, notes };
  }
  const latestDay = dayOf(ambition.latestDate, 'latest date');
  if (latestDay < baselineDay) notes.push(`The latest value (${ambition.latestDate}) is dated before the baseline (${ambition.baselineDate}).`);

  const span = targetDay - baselineDay;
  const expectedProgress = span === 0 ? (latestDay >= targetDay ? 1 : 0) : Math.min(1, Math.max(0, (latestDay - baselineDay) / span));
  const distance = ambition.target - ambition.baseline;
  const expected = ambition.baseline + distance * expectedProgress;
  const gap = better * (ambition.latest - expected);
  const tiny = 1e-9 * Math.max(1, Math.abs(ambition.target), Math.abs(ambition.baseline));

  if (distance === 0) {
    notes.push('The target equals the baseline: a target to hold the line, so progress is not a share.');
    const held = better * (ambition.latest - ambition.target) >= -tiny;
    const status: AmbitionStatus = held ? 'target-met' : 'behind';
    return { ...base, status, statusLabel: labels[status], progress: null, progressDisplay: held ? 'Holding the target' : 'Below the target', expected, expectedProgress, gap, notes };
  }

  const progress = (ambition.latest - ambition.baseline) / distance;
  const status: AmbitionStatus =
    progress >= 1 - 1e-9 ? 'target-met' : Math.abs(progress - expectedProgress) <= tolerance + 1e-9 ? 'on-track' : progress > expectedProgress ? 'ahead' : 'behind';
  return { ...base, status, statusLabel: labels[status], progress, progressDisplay: `${formatShare(roundTo(progress, 4))} of the way to the target`, expected, expectedProgress, gap, notes };
}

const labels: Readonly<Record<AmbitionStatus, string>> = {
  'target-met': 'Target met',
  ahead: 'Ahead',
  'on-track': 'On track',
  behind: 'Behind',
  'no-latest-value': 'No latest value',
};

/** Days since 1970-01-01 of an ISO date, in UTC so no clock or time zone enters. */
function dayOf(date: string, name: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const time = match === null ? Number.NaN : Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date) throw new RangeError(`The ${name} must be a date written YYYY-MM-DD; got "${date}"`);
  return time / 86_400_000;
}
