import type { Perspective } from '../evidence/perspective-evidence.ts';
import type { Finding } from '../scoring/criterion-result.ts';
import { criteriaOf, perspectiveOrder, perspectivePairs, scoreOf, type PerspectiveScores } from './perspective-scores.ts';

/** Two perspectives differing by this many points or more diverge: the pack's `calibration.divergencePoints`. */
export const defaultDivergencePoints = 2;

/** Each perspective's findings: perspective → criterion id → the findings its rules produced. */
export type PerspectiveFindings = Readonly<Partial<Record<Perspective, Readonly<Record<string, readonly Finding[]>>>>>;

/** One perspective's side of a divergent criterion: its score and the findings it saw. */
export interface DivergenceSide {
  perspective: Perspective;
  /** Null when this perspective did not assess the criterion. */
  score: number | null;
  findings: readonly Finding[];
}

/** A criterion on which two perspectives differ by `divergencePoints` or more (a divergence). */
export interface Divergence {
  criterion: string;
  /** Highest score − lowest score among the perspectives that scored it. */
  spread: number;
  /** Every pair of perspectives that differ by the divergence points or more, larger score first. */
  pairs: Array<{ higher: Perspective; lower: Perspective; difference: number }>;
  /** Every recorded perspective, in the order self, peer, assessor, with its score and findings. */
  sides: DivergenceSide[];
}

export interface DivergenceOptions {
  /** Pass `manifest.calibration.divergencePoints`; 2 by default. */
  divergencePoints?: number;
  /** The order of criteria in results, e.g. the manifest's; others follow as first met. */
  criteriaOrder?: readonly string[];
}

/**
 * Flags every criterion where any two perspectives differ by `divergencePoints` or more (domain.md:
 * "where perspectives differ by 2 or more points, flag it"), listing each perspective's score and
 * the findings it saw, so a moderation panel can see why they differ.
 */
export function findDivergences(scores: PerspectiveScores, findings: PerspectiveFindings = {}, options: DivergenceOptions = {}): Divergence[] {
  const points = options.divergencePoints ?? defaultDivergencePoints;
  if (!Number.isFinite(points) || points <= 0) throw new RangeError(`The divergence points must be a positive number; got ${points}`);
  const recorded = perspectiveOrder.filter((perspective) => scores[perspective] !== undefined);
  const divergences: Divergence[] = [];
  for (const criterion of criteriaOf(scores, options.criteriaOrder)) {
    const scoreBy = new Map(recorded.map((perspective) => [perspective, scoreOf(scores[perspective]?.[criterion], `The ${perspective} score of ${criterion}`)]));
    const pairs: Divergence['pairs'] = [];
    for (const [first, second] of perspectivePairs) {
      const a = scoreBy.get(first) ?? null;
      const b = scoreBy.get(second) ?? null;
      if (a === null || b === null || Math.abs(a - b) < points) continue;
      pairs.push(a >= b ? { higher: first, lower: second, difference: a - b } : { higher: second, lower: first, difference: b - a });
    }
    if (pairs.length === 0) continue;
    const scored = [...scoreBy.values()].filter((score): score is number => score !== null);
    divergences.push({
      criterion,
      spread: Math.max(...scored) - Math.min(...scored),
      pairs,
      sides: recorded.map((perspective) => ({ perspective, score: scoreBy.get(perspective) ?? null, findings: findings[perspective]?.[criterion] ?? [] })),
    });
  }
  return divergences;
}
