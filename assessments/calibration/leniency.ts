import type { Perspective } from '../evidence/perspective-evidence.ts';
import { formatSigned, roundTo } from './display.ts';
import { scoreOf } from './perspective-scores.ts';

/** One criterion score that one person gave in one assessment, with the panel's moderated score. */
export interface ScoredCriterionRecord {
  assessmentId: string;
  /** The ICB's ODS code. */
  system: string;
  perspective: Perspective;
  scorerId: string;
  scorerName: string;
  criterion: string;
  /** Null (or absent) when this perspective did not assess the criterion. */
  score: number | null;
  /** Null while the panel has not moderated the criterion. */
  moderatedScore: number | null;
}

export interface LeniencyOptions {
  /** A mean at least this far from 0 (either way) is flagged; 0.5 by default. */
  threshold?: number;
  /** ... but only when it rests on at least this many criteria; 10 by default. */
  minimumCount?: number;
}

export const defaultLeniencyThreshold = 0.5;
export const defaultLeniencyMinimumCount = 10;

/** How far someone's scores sit from the moderated scores, on average (leniency; negative is harshness). */
export interface Leniency {
  /** Mean of (their score − moderated score), unrounded; null when no criterion they scored was moderated. */
  mean: number | null;
  /** Rounded to 2 places, halves away from zero. */
  rounded: number | null;
  /** "+0.60", "−0.25", or "No moderated scores". */
  display: string;
  /** The criteria the mean rests on: scored by them and moderated. */
  count: number;
  /** The criteria they scored that have no moderated score yet (left out of the mean). */
  unmoderated: number;
  /** The assessments the mean draws on. */
  assessments: number;
  /** Above the moderated scores on average (lenient), below (harsh), or level. Null when no mean. */
  direction: 'lenient' | 'harsh' | 'level' | null;
  /** |mean| ≥ threshold and count ≥ minimum count. */
  flagged: boolean;
}

export interface ScorerLeniency extends Leniency {
  scorerId: string;
  /** The name recorded with their first score. */
  scorerName: string;
  perspective: Perspective;
}

export interface SystemSelfLeniency extends Leniency {
  system: string;
}

/**
 * Leniency of each scorer across many assessments (cqc-scoring.md: "the mean of (their score − the
 * moderated score) over the criteria they scored, with the count it rests on"). By default only
 * assessors; pass `perspectives: ['assessor', 'peer']` to include peer reviewers. A person is kept
 * apart per perspective. Sorted by mean, most lenient first and most harsh last; those with no mean come after.
 */
export function scorerLeniency(records: readonly ScoredCriterionRecord[], options: LeniencyOptions & { perspectives?: readonly Perspective[] } = {}): ScorerLeniency[] {
  const perspectives = options.perspectives ?? ['assessor'];
  const groups = groupBy(
    records.filter((record) => perspectives.includes(record.perspective)),
    (record) => JSON.stringify([record.perspective, record.scorerId]),
  );
  return sortByMean(
    [...groups.values()].map((group) => {
      const first = group[0] as ScoredCriterionRecord;
      return { scorerId: first.scorerId, scorerName: first.scorerName, perspective: first.perspective, ...leniencyOf(group, options) };
    }),
    (entry) => `${entry.scorerName}\u0000${entry.scorerId}\u0000${entry.perspective}`,
  );
}

/**
 * The same measure for self-assessment: per system, how far its self-assessed scores sit from the
 * moderated scores across its assessments. Sorted as `scorerLeniency`.
 */
export function selfAssessmentLeniency(records: readonly ScoredCriterionRecord[], options: LeniencyOptions = {}): SystemSelfLeniency[] {
  const groups = groupBy(records.filter((record) => record.perspective === 'self'), (record) => record.system);
  return sortByMean(
    [...groups.entries()].map(([system, group]) => ({ system, ...leniencyOf(group, options) })),
    (entry) => entry.system,
  );
}

/** Leniency over a set of records (all by one scorer, or one system's self-assessments). */
export function leniencyOf(records: readonly ScoredCriterionRecord[], options: LeniencyOptions = {}): Leniency {
  const threshold = options.threshold ?? defaultLeniencyThreshold;
  const minimumCount = options.minimumCount ?? defaultLeniencyMinimumCount;
  let sum = 0;
  let count = 0;
  let unmoderated = 0;
  const assessments = new Set<string>();
  for (const record of records) {
    const where = `${record.perspective} score of ${record.criterion} in assessment ${record.assessmentId}`;
    const score = scoreOf(record.score, `The ${where}`);
    if (score === null) continue;
    const moderated = scoreOf(record.moderatedScore, `The moderated score behind the ${where}`);
    if (moderated === null) {
      unmoderated += 1;
      continue;
    }
    sum += score - moderated;
    count += 1;
    assessments.add(record.assessmentId);
  }
  if (count === 0) {
    return { mean: null, rounded: null, display: 'No moderated scores', count, unmoderated, assessments: 0, direction: null, flagged: false };
  }
  const mean = sum / count;
  return {
    mean,
    rounded: roundTo(mean, 2),
    display: formatSigned(mean, 2),
    count,
    unmoderated,
    assessments: assessments.size,
    direction: sum > 0 ? 'lenient' : sum < 0 ? 'harsh' : 'level',
    // The sum is a whole number: compare it with threshold × count, so 5 / 10 is exactly 0.5.
    flagged: count >= minimumCount && Math.abs(sum) >= threshold * count - 1e-9,
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group === undefined) groups.set(name, [item]);
    else group.push(item);
  }
  return groups;
}

function sortByMean<T extends Leniency>(entries: T[], name: (entry: T) => string): T[] {
  return entries.sort((a, b) => {
    if (a.mean === null || b.mean === null) return a.mean === b.mean ? compareText(name(a), name(b)) : a.mean === null ? 1 : -1;
    return b.mean - a.mean || compareText(name(a), name(b));
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
