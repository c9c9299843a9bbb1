import { rate } from '../rating/rate.ts';
import type { AppliedLimiter, CriterionScore, RatingResult } from '../rating/rating-result.ts';
import type { GateStatus, ManifestFile, RatingId } from '../rule-pack/pack-schema.ts';

/** The gate's statuses from worst to best: each step up costs `gateStepCost`. */
export const gateLadder: readonly GateStatus[] = ['severe', 'not-well-managed', 'well-managed'];

/** A criterion's score rising: `to − from` steps of +1, each costing 1. */
export interface ScoreChange {
  kind: 'score';
  criterion: string;
  from: number;
  to: number;
  cost: number;
  /**
   * Criteria with the same current score that are left as they are: raising one of them instead
   * gives the same rating (the rating depends on the scores, not on which criterion holds them).
   */
  interchangeableWith: string[];
}

/** The financial management gate moving up (severe → not well managed → well managed). */
export interface GateChange {
  kind: 'gate';
  from: GateStatus;
  to: GateStatus;
  cost: number;
}

export type PathChange = ScoreChange | GateChange;

export type PathToNextRating =
  | { status: 'outstanding'; current: RatingResult; message: string }
  | { status: 'not-rated'; current: RatingResult; message: string }
  | { status: 'unreachable'; current: RatingResult; target: { id: RatingId; label: string }; message: string }
  | {
      status: 'path';
      current: RatingResult;
      target: { id: RatingId; label: string };
      /** The smallest set of changes, score changes in the order of `scores`, then the gate. */
      changes: PathChange[];
      /** Total cost: one per score step, `gateStepCost` per gate step. */
      cost: number;
      /** The rating after the changes, from the real `rate()` with the pack's limiters. */
      result: RatingResult;
      /** Limiters that applied before and no longer apply after the changes. */
      limitersLifted: AppliedLimiter[];
      /** Criteria not assessed: left as they are (assessing them is a separate step). */
      notAssessed: string[];
      message: string;
    };

export interface PathOptions {
  /** Cost of one step of the gate; 1 by default (the same as one score step). A whole number ≥ 1. */
  gateStepCost?: number;
  /** Stop searching beyond this total cost; by default every change is in reach (at most 27 score steps and 2 gate steps). */
  maximumCost?: number;
}

/**
 * What would move a system up (domain.md, "Improvement", ¶3.123): the smallest set of changes
 * (each criterion score +1 costs 1; the gate moving up a step where it binds costs `gateStepCost`)
 * that lifts the FINAL rating, after limiters, to the next rating up. The search runs by increasing
 * total cost over every combination of increments, so the first cost at which any combination
 * reaches the target is the least; among equally cheap combinations it prefers (1) smaller steps on
 * any one criterion, (2) fewer gate steps, (3) raising the lowest scores, (4) criteria earlier in
 * `scores`. Ratings are computed by `rate()` itself, so limiters and bands are exactly the pack's.
 * Not-assessed criteria stay not assessed.
 */
export async function pathToNextRating(
  manifest: ManifestFile,
  scores: readonly CriterionScore[],
  gate: GateStatus | 'not-assessed' | null,
  options: PathOptions = {},
): Promise<PathToNextRating> {
  const gateStepCost = options.gateStepCost ?? 1;
  if (!Number.isInteger(gateStepCost) || gateStepCost < 1) throw new RangeError(`The gate step cost must be a whole number of at least 1; got ${gateStepCost}`);
  const current = await rate(manifest, scores, gate);
  const order = manifest.ratings.map((rating) => rating.id);
  if (current.final === null) {
    return { status: 'not-rated', current, message: 'No criterion is assessed, so there is no rating to improve on yet.' };
  }
  const currentRank = order.indexOf(current.final.id);
  const next = manifest.ratings[currentRank + 1];
  if (next === undefined) {
    return { status: 'outstanding', current, message: `Already ${current.final.label}: there is no higher rating, so nothing to improve for the rating.` };
  }
  const target = { id: next.id, label: next.label };

  const assessed = scores.flatMap((entry, position) => (entry.score === null ? [] : [{ criterion: entry.criterion, score: entry.score, position }]));
  const headroom = assessed.map((entry) => Math.max(0, 4 - entry.score));
  const gateIndex = gate === null || gate === 'not-assessed' ? -1 : gateLadder.indexOf(gate);
  const gateHeadroom = gateIndex < 0 ? 0 : gateLadder.length - 1 - gateIndex;
  const fullCost = headroom.reduce((sum, steps) => sum + steps, 0) + gateHeadroom * gateStepCost;
  const maximumCost = Math.min(options.maximumCost ?? fullCost, fullCost);

  // The final rating depends only on the multiset of scores and the gate: rate each multiset once.
  const finalRankOf = new Map<string, number>();
  const gateAfter = (steps: number): GateStatus | 'not-assessed' | null => (gateIndex < 0 ? gate : (gateLadder[gateIndex + steps] as GateStatus));
  const scoresAfter = (increments: readonly number[]): CriterionScore[] => {
    const raised = new Map(assessed.map((entry, index) => [entry.position, entry.score + (increments[index] ?? 0)]));
    return scores.map((entry, position) => ({ criterion: entry.criterion, score: raised.get(position) ?? entry.score }));
  };
  const keyOf = (increments: readonly number[], gateSteps: number) =>
    `${assessed.map((entry, index) => entry.score + (increments[index] ?? 0)).sort().join('')}|${String(gateAfter(gateSteps))}`;

  for (let cost = 1; cost <= maximumCost; cost += 1) {
    const candidates: Array<{ increments: number[]; gateSteps: number; key: string }> = [];
    for (let gateSteps = 0; gateSteps <= gateHeadroom && gateSteps * gateStepCost <= cost; gateSteps += 1) {
      for (const increments of incrementsSumming(headroom, cost - gateSteps * gateStepCost)) {
        candidates.push({ increments, gateSteps, key: keyOf(increments, gateSteps) });
      }
    }
    for (const candidate of candidates) {
      if (finalRankOf.has(candidate.key)) continue;
      const rating = await rate(manifest, scoresAfter(candidate.increments), gateAfter(candidate.gateSteps));
      finalRankOf.set(candidate.key, rating.final === null ? -1 : order.indexOf(rating.final.id));
    }
    const reaching = candidates.filter((candidate) => (finalRankOf.get(candidate.key) ?? -1) > currentRank);
    const best = reaching.sort((a, b) => compareCandidates(a, b, assessed))[0];
    if (best === undefined) continue;

    const result = await rate(manifest, scoresAfter(best.increments), gateAfter(best.gateSteps));
    const changed = new Set(assessed.filter((_, index) => (best.increments[index] ?? 0) > 0).map((entry) => entry.criterion));
    const changes: PathChange[] = assessed.flatMap((entry, index): PathChange[] => {
      const steps = best.increments[index] ?? 0;
      if (steps === 0) return [];
      const interchangeableWith = assessed.filter((other) => other.score === entry.score && !changed.has(other.criterion)).map((other) => other.criterion);
      return [{ kind: 'score', criterion: entry.criterion, from: entry.score, to: entry.score + steps, cost: steps, interchangeableWith }];
    });
    if (best.gateSteps > 0) changes.push({ kind: 'gate', from: gate as GateStatus, to: gateAfter(best.gateSteps) as GateStatus, cost: best.gateSteps * gateStepCost });
    const stillApplying = new Set(result.limiters.map((limiter) => limiter.limiter));
    return {
      status: 'path',
      current,
      target,
      changes,
      cost,
      result,
      limitersLifted: current.limiters.filter((limiter) => !stillApplying.has(limiter.limiter)),
      notAssessed: scores.filter((entry) => entry.score === null).map((entry) => entry.criterion),
      message: `${describeChanges(changes)} would lift the rating from ${current.final.label} to ${result.final?.label ?? target.label} (${result.percentage ?? '–'}%).`,
    };
  }
  return {
    status: 'unreachable',
    current,
    target,
    message: `No rise in the assessed criteria${gateHeadroom > 0 ? ' or the gate' : ''} within a cost of ${maximumCost} lifts the rating to ${target.label}.`,
  };
}

/** In words: "hosc-effectiveness 2 → 3 and the gate not-well-managed → well-managed". */
export function describeChanges(changes: readonly PathChange[]): string {
  const parts = changes.map((change) => (change.kind === 'score' ? `${change.criterion} ${change.from} → ${change.to}` : `the financial management gate ${change.from} → ${change.to}`));
  if (parts.length <= 1) return capitalise(parts[0] ?? 'No change');
  return capitalise(`${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] as string}`);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Every vector of increments, each within its headroom, summing to exactly `total`. */
function incrementsSumming(headroom: readonly number[], total: number): number[][] {
  const vectors: number[][] = [];
  const room = headroom.map((_, index) => headroom.slice(index).reduce((sum, steps) => sum + steps, 0));
  const vector = headroom.map(() => 0);
  const fill = (index: number, remaining: number): void => {
    if (remaining === 0) {
      vectors.push([...vector]);
      return;
    }
    if (index >= headroom.length || (room[index] ?? 0) < remaining) return;
    for (let steps = Math.min(headroom[index] ?? 0, remaining); steps >= 0; steps -= 1) {
      vector[index] = steps;
      fill(index + 1, remaining - steps);
    }
    vector[index] = 0;
  };
  fill(0, total);
  return vectors;
}

type Candidate = { increments: number[]; gateSteps: number };

/** Orders equally cheap candidates: smaller largest step, fewer gate steps, lower scores raised, earlier criteria. */
function compareCandidates(a: Candidate, b: Candidate, assessed: ReadonlyArray<{ score: number }>): number {
  const largest = (candidate: Candidate) => Math.max(0, ...candidate.increments);
  // The sum, over every +1 step, of the score it starts from: lower when the weakest criteria rise.
  const raisedFrom = (candidate: Candidate) => candidate.increments.reduce((sum, steps, index) => sum + steps * (assessed[index]?.score ?? 0) + (steps * (steps - 1)) / 2, 0);
  const byPosition = () => {
    for (let index = 0; index < a.increments.length; index += 1) {
      const difference = (b.increments[index] ?? 0) - (a.increments[index] ?? 0);
      if (difference !== 0) return difference;
    }
    return 0;
  };
  return largest(a) - largest(b) || a.gateSteps - b.gateSteps || raisedFrom(a) - raisedFrom(b) || byPosition();
}
