import type { GateStatus, RatingId } from '../rule-pack/pack-schema.ts';

/** A limiter that applied (capped below the band): which, to what, why, and on what authority. */
export interface AppliedLimiter {
  limiter: string;
  capAt: RatingId;
  capLabel: string;
  reason: string;
  source: string;
  /** The criteria that triggered it, when it is about criterion scores. */
  criteria: string[];
}

/** The overall rating of one set of criterion scores, with every step that produced it. */
export interface RatingResult {
  scoredCriteria: number;
  scoredCriteriaAssessed: number;
  totalScore: number;
  maximumScore: number;
  /** Unrounded percentage, or null when nothing was assessed. */
  exactPercentage: number | null;
  /** Rounded as the pack says (half up to a whole number). */
  percentage: number | null;
  roundingNote: string;
  band: { id: RatingId; label: string; minPercent: number; maxPercent: number } | null;
  bandPosition: 'upper' | 'lower' | null;
  gate: GateStatus | 'not-assessed' | null;
  limiters: AppliedLimiter[];
  final: { id: RatingId; label: string } | null;
  provisional: boolean;
  provisionalReasons: string[];
  /** In calibration mode (¶3.125): "Indicative — not a published rating"; otherwise null. */
  calibrationLabel: string | null;
}

/** A criterion's score as the rating sees it: 1–4, or null when not assessed. */
export interface CriterionScore {
  criterion: string;
  score: number | null;
}
