import type { Perspective } from '../evidence/perspective-evidence.ts';
import { formatNumber, formatShare, roundTo } from './display.ts';
import { criteriaIn, perspectivePairs, scoreOf, type CriterionScores, type PerspectiveScores } from './perspective-scores.ts';

/** The points of CQC's scale: kappa's categories are fixed at 1..4 whatever scores occur. */
const categories = [1, 2, 3, 4] as const;

/** The fewest paired criteria for a kappa: the pack's `calibration.kappaMinimumPairs` (cqc-scoring.md). */
export const defaultMinimumPairs = 5;

/** A share of the paired criteria: unrounded (0–1) and as a reader sees it ("78%"). */
export interface Share {
  value: number;
  display: string;
}

/** Quadratic-weighted Cohen's kappa, or why it is not shown. */
export type KappaResult =
  | {
      status: 'computed';
      /** Unrounded, from −1 to 1. */
      value: number;
      /** Rounded to 2 places, halves away from zero. */
      rounded: number;
      display: string;
      /** Σ w·observed and Σ w·expected, with w = (i − j)² / 9: kappa = 1 − observed / expected. */
      observedDisagreement: number;
      expectedDisagreement: number;
    }
  | { status: 'too-few-pairs'; pairs: number; minimumPairs: number; display: string }
  | { status: 'not-computable'; pairs: number; reason: string; display: string };

/** Gwet's AC2 with quadratic weights, or why it is not shown. Never 0 / 0: its chance agreement stays below 1. */
export type Ac2Result =
  | {
      status: 'computed';
      /** Unrounded, from −1 to 1. */
      value: number;
      rounded: number;
      display: string;
      /** pa = Σ w·observed and pe = (Σw / (q(q − 1))) Σ π(1 − π), with w = 1 − (i − j)² / 9: AC2 = (pa − pe) / (1 − pe). */
      observedAgreement: number;
      chanceAgreement: number;
    }
  | { status: 'too-few-pairs'; pairs: number; minimumPairs: number; display: string };

/** One plain-English line a board can read about each coefficient, shown beside the values. */
export const agreementMeanings = {
  kappa: "Weighted kappa compares agreement with what the two perspectives' own spread of scores would give by chance; when both put nearly every criterion on the same score it falls towards 0 (or below) even though they agree.",
  ac2: "Gwet's AC2 asks the same question but judges chance by how often scores could land by luck across the whole scale, so it stays high when scores cluster and agree; near 1 is close agreement, 0 no better than chance.",
} as const;

/** How far two perspectives agree over the criteria both scored. */
export interface PairAgreement {
  first: Perspective;
  second: Perspective;
  /** The perspectives of this pair that were not recorded at all (then there are no pairs). */
  missingPerspectives: Perspective[];
  /** The criteria both scored (not assessed by either: left out), in the order given. */
  criteria: string[];
  pairs: number;
  /** Null when there are no pairs. */
  exactAgreement: Share | null;
  withinOneAgreement: Share | null;
  kappa: KappaResult;
  /** Gwet's AC2 (quadratic weights) beside kappa: robust where scores cluster. */
  ac2: Ac2Result;
}

export interface AgreementOptions {
  /** Pass `manifest.calibration.kappaMinimumPairs`; 5 by default. */
  minimumPairs?: number;
  /** The order of criteria in results, e.g. the manifest's; others follow as first met. */
  criteriaOrder?: readonly string[];
}

/**
 * Agreement between two perspectives' scores (cqc-scoring.md, "Agreement between perspectives"):
 * exact and within-one agreement over the criteria both scored, and quadratic-weighted Cohen's kappa
 * on the fixed 4-point scale once there are at least `minimumPairs` pairs. Kappa is "not computable"
 * when the expected disagreement is zero (both perspectives gave every criterion the same score),
 * because kappa would then be 0 / 0.
 */
export function agreementBetween(
  first: { perspective: Perspective; scores: CriterionScores | undefined },
  second: { perspective: Perspective; scores: CriterionScores | undefined },
  options: AgreementOptions = {},
): PairAgreement {
  const minimumPairs = options.minimumPairs ?? defaultMinimumPairs;
  const missingPerspectives = [first, second].filter((side) => side.scores === undefined).map((side) => side.perspective);
  const firstScores = first.scores ?? {};
  const secondScores = second.scores ?? {};
  const paired: Array<{ criterion: string; a: number; b: number }> = [];
  for (const criterion of criteriaIn([firstScores, secondScores], options.criteriaOrder)) {
    const a = scoreOf(firstScores[criterion], `The ${first.perspective} score of ${criterion}`);
    const b = scoreOf(secondScores[criterion], `The ${second.perspective} score of ${criterion}`);
    if (a !== null && b !== null) paired.push({ criterion, a, b });
  }
  const pairs = paired.length;
  const share = (count: number): Share | null => (pairs === 0 ? null : { value: count / pairs, display: formatShare(count / pairs) });
  return {
    first: first.perspective,
    second: second.perspective,
    missingPerspectives,
    criteria: paired.map((pair) => pair.criterion),
    pairs,
    exactAgreement: share(paired.filter(({ a, b }) => a === b).length),
    withinOneAgreement: share(paired.filter(({ a, b }) => Math.abs(a - b) <= 1).length),
    kappa: pairs < minimumPairs ? tooFew(pairs, minimumPairs) : quadraticKappa(paired.map(({ a, b }) => [a, b] as const)),
    ac2: pairs < minimumPairs ? tooFew(pairs, minimumPairs) : quadraticAc2(paired.map(({ a, b }) => [a, b] as const)),
  };
}

/** Agreement for all three pairs (self–peer, self–assessor, peer–assessor) of one assessment. */
export function agreementAcrossPerspectives(scores: PerspectiveScores, options: AgreementOptions = {}): PairAgreement[] {
  return perspectivePairs.map(([first, second]) =>
    agreementBetween({ perspective: first, scores: scores[first] }, { perspective: second, scores: scores[second] }, options),
  );
}

/**
 * Quadratic-weighted Cohen's kappa of paired scores on the 4-point scale:
 * kappa = 1 − Σ w·O / Σ w·E, with O the observed proportions, E = row share × column share,
 * and w(i, j) = (i − j)² / (4 − 1)². Needs at least one pair.
 */
export function quadraticKappa(pairs: ReadonlyArray<readonly [number, number]>): KappaResult {
  const n = pairs.length;
  if (n === 0) return tooFew(0, 1);
  const size = categories.length;
  const observed = categories.map(() => categories.map(() => 0));
  const rows = categories.map(() => 0);
  const columns = categories.map(() => 0);
  for (const [a, b] of pairs) {
    const i = index(a);
    const j = index(b);
    (observed[i] as number[])[j] = (observed[i]?.[j] ?? 0) + 1;
    rows[i] = (rows[i] ?? 0) + 1;
    columns[j] = (columns[j] ?? 0) + 1;
  }
  let observedDisagreement = 0;
  let expectedDisagreement = 0;
  for (let i = 0; i < size; i += 1) {
    for (let j = 0; j < size; j += 1) {
      const weight = (i - j) ** 2 / (size - 1) ** 2;
      observedDisagreement += (weight * (observed[i]?.[j] ?? 0)) / n;
      expectedDisagreement += (weight * (rows[i] ?? 0) * (columns[j] ?? 0)) / (n * n);
    }
  }
  // Expected disagreement is zero only when both perspectives put every criterion on one and the same score.
  if (expectedDisagreement <= 1e-12) {
    return {
      status: 'not-computable',
      pairs: n,
      reason: 'Both perspectives gave every paired criterion the same score, so agreement beyond chance cannot be measured (kappa would be 0 / 0).',
      display: 'Not computable',
    };
  }
  const value = 1 - observedDisagreement / expectedDisagreement;
  return { status: 'computed', value, rounded: roundTo(value, 2), display: formatNumber(value, 2), observedDisagreement, expectedDisagreement };
}

/**
 * Gwet's AC2 of paired scores on the 4-point scale with quadratic agreement weights
 * w(i, j) = 1 − (i − j)² / (4 − 1)² (Gwet, Handbook of Inter-Rater Reliability, 4th ed., ch. 3):
 * pa = Σ w·O (O the observed proportions); π_k = the share of all ratings, by either side, on score k;
 * pe = (Σ w / (q(q − 1))) · Σ π_k(1 − π_k) with q = 4; AC2 = (pa − pe) / (1 − pe). Unlike kappa's,
 * its chance agreement is at most 26/27 × 3/4, so it is always defined. Needs at least one pair.
 */
export function quadraticAc2(pairs: ReadonlyArray<readonly [number, number]>): Ac2Result {
  const n = pairs.length;
  if (n === 0) return tooFew(0, 1);
  const size = categories.length;
  const weight = (i: number, j: number) => 1 - (i - j) ** 2 / (size - 1) ** 2;
  const shares = categories.map(() => 0);
  let observedAgreement = 0;
  for (const [a, b] of pairs) {
    const i = index(a);
    const j = index(b);
    observedAgreement += weight(i, j) / n;
    shares[i] = (shares[i] ?? 0) + 1 / (2 * n);
    shares[j] = (shares[j] ?? 0) + 1 / (2 * n);
  }
  let weightTotal = 0;
  for (let i = 0; i < size; i += 1) for (let j = 0; j < size; j += 1) weightTotal += weight(i, j);
  const chanceAgreement = (weightTotal / (size * (size - 1))) * shares.reduce((sum, share) => sum + share * (1 - share), 0);
  const value = (observedAgreement - chanceAgreement) / (1 - chanceAgreement);
  return { status: 'computed', value, rounded: roundTo(value, 2), display: formatNumber(value, 2), observedAgreement, chanceAgreement };
}

function tooFew(pairs: number, minimumPairs: number): Extract<KappaResult, { status: 'too-few-pairs' }> {
  return {
    status: 'too-few-pairs',
    pairs,
    minimumPairs,
    display: `Too few to compute (${pairs} paired ${pairs === 1 ? 'criterion' : 'criteria'}; at least ${minimumPairs} needed)`,
  };
}

function index(score: number): number {
  const position = categories.indexOf(score as (typeof categories)[number]);
  if (position < 0) throw new RangeError(`A kappa score must be a whole score from 1 to 4; got ${score}`);
  return position;
}
