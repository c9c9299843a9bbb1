import { Engine, type RuleProperties } from 'json-rules-engine';
import type { GateStatus, ManifestFile, RatingId } from '../rule-pack/pack-schema.ts';
import type { AppliedLimiter, CriterionScore, RatingResult } from './rating-result.ts';
import { roundHalfUp } from './round-half-up.ts';

/**
 * Turns criterion scores and the gate into a CQC-style rating: percentage, band, band position,
 * limiters (json-rules-engine rules from the manifest), final rating, provisional flag and label.
 * Every number comes from the manifest; a limiter can only lower the rating.
 */
export async function rate(manifest: ManifestFile, scores: readonly CriterionScore[], gate: GateStatus | 'not-assessed' | null): Promise<RatingResult> {
  const assessed = scores.filter((entry): entry is { criterion: string; score: number } => entry.score !== null);
  const totalScore = assessed.reduce((sum, entry) => sum + entry.score, 0);
  const maximumScore = 4 * assessed.length;
  const exactPercentage = assessed.length === 0 ? null : (100 * totalScore) / maximumScore;
  const percentage = exactPercentage === null ? null : roundHalfUp(exactPercentage);
  const bandEntry = percentage === null ? undefined : manifest.ratings.find((band) => percentage >= band.minPercent && percentage <= band.maxPercent);
  const band = bandEntry === undefined ? null : { ...bandEntry };
  const bandPosition = band === null || percentage === null ? null : percentage >= (band.minPercent + band.maxPercent) / 2 ? 'upper' : 'lower';

  // A limiter applies when it caps below the band: one that caps at or above it changes nothing.
  const order = manifest.ratings.map((rating) => rating.id);
  const limiters = band === null ? [] : (await firedLimiters(manifest, assessed, gate)).filter((limiter) => order.indexOf(limiter.capAt) < order.indexOf(band.id));
  const finalId = band === null ? null : limiters.reduce<RatingId>((current, limiter) => (order.indexOf(limiter.capAt) < order.indexOf(current) ? limiter.capAt : current), band.id);

  const provisionalReasons: string[] = [];
  const minimum = manifest.provisional.minimumScoredCriteriaAssessed;
  if (assessed.length < minimum) provisionalReasons.push(`Only ${assessed.length} of ${scores.length} scored criteria were assessed; at least ${minimum} are needed for a firm rating.`);
  if (manifest.provisional.gateRequired && (gate === null || gate === 'not-assessed')) provisionalReasons.push('The financial management gate was not assessed.');

  return {
    scoredCriteria: scores.length,
    scoredCriteriaAssessed: assessed.length,
    totalScore,
    maximumScore,
    exactPercentage,
    percentage,
    roundingNote: manifest.rounding.note,
    band,
    bandPosition,
    gate,
    limiters,
    final: finalId === null ? null : { id: finalId, label: labelOf(manifest, finalId) },
    provisional: provisionalReasons.length > 0,
    provisionalReasons,
    calibrationLabel: manifest.calibrationMode.enabled ? manifest.calibrationMode.label : null,
  };
}

async function firedLimiters(manifest: ManifestFile, assessed: ReadonlyArray<{ criterion: string; score: number }>, gate: GateStatus | 'not-assessed' | null): Promise<AppliedLimiter[]> {
  const engine = new Engine([], { allowUndefinedFacts: false, replaceFactsInEventParams: true });
  const atOrBelow = (params: Record<string, unknown>) => assessed.filter((entry) => entry.score <= Number(params.score));
  engine.addFact('criteriaScoredAtOrBelow', (params) => atOrBelow(params).length);
  engine.addFact('criteriaScoredAtOrBelow:ids', (params) => atOrBelow(params).map((entry) => entry.criterion));
  engine.addFact('gateStatus', gate ?? 'not-assessed');
  // The manifest schema has already checked each limiter is a json-rules-engine rule with a boolean root.
  for (const limiter of manifest.limiters) engine.addRule(limiter as RuleProperties);
  const { results } = await engine.run();
  const fired = new Map(results.map((result) => [result.name, result]));
  return manifest.limiters.flatMap((limiter) => {
    const result = fired.get(limiter.name);
    if (result === undefined) return [];
    const params = result.event?.params as { capAt: RatingId; reason: string; source: string; criteria?: unknown };
    return [{
      limiter: limiter.name,
      capAt: params.capAt,
      capLabel: labelOf(manifest, params.capAt),
      reason: params.reason,
      source: params.source,
      criteria: Array.isArray(params.criteria) ? params.criteria.map(String) : [],
    }];
  });
}

function labelOf(manifest: ManifestFile, id: RatingId): string {
  return manifest.ratings.find((rating) => rating.id === id)?.label ?? id;
}
