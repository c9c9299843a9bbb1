import fc from 'fast-check';
import type { CriterionScore } from '../../assessments/rating/rating-result.ts';
import type { GateStatus, ManifestFile, RatingId } from '../../assessments/rule-pack/pack-schema.ts';
import type { RulePack } from '../../assessments/rule-pack/rule-pack.ts';

export type GateInput = GateStatus | 'not-assessed' | null;

/** The ids of a pack's scored criteria (every criterion but the gate), in the pack's order. */
export function scoredCriteriaOf(pack: RulePack): string[] {
  return pack.criteria.filter((criterion) => criterion.kind === 'scored').map((criterion) => criterion.id);
}

/** A score 1–4 or not assessed (null) for each scored criterion: the rating's whole input space. */
export function criterionScores(criteria: readonly string[]): fc.Arbitrary<CriterionScore[]> {
  return fc
    .tuple(...criteria.map(() => fc.option(fc.integer({ min: 1, max: 4 }), { nil: null, freq: 6 })))
    .map((scores) => criteria.map((criterion, index) => ({ criterion, score: scores[index] ?? null })));
}

export const gateInputs: fc.Arbitrary<GateInput> = fc.constantFrom<GateInput>('well-managed', 'not-well-managed', 'severe', 'not-assessed', null);

/** Where a rating stands in the pack's order (its ratings are listed worst first); -1 for no rating. */
export function rankOf(manifest: ManifestFile, rating: { id: RatingId } | null): number {
  return rating === null ? -1 : manifest.ratings.findIndex((entry) => entry.id === rating.id);
}
