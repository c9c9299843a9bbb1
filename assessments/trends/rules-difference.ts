import { createHash } from 'node:crypto';
import type { PackCriterion, PackIdentity, RulePack } from '../rule-pack/rule-pack.ts';
import { changelogEntries, compareVersions } from './changelog.ts';

/** A criterion whose rules or thresholds differ between two packs, and what the CHANGELOG says changed. */
export interface CriterionDifference {
  criterion: string;
  changes: string[];
}

/** Why two points of a trend are not scored alike: the packs, and each criterion (or the rating) that differs. */
export interface RulesDifference {
  from: PackIdentity;
  to: PackIdentity;
  criteria: CriterionDifference[];
  /** Whether the bands, limiters or rounding differ (the rating of the same scores could differ). */
  rating: boolean;
}

/** A digest of what decides a criterion's outcome: its compiled rules (thresholds inlined), required indicators and default. */
export function criterionRulesDigest(criterion: PackCriterion): string {
  return digest({ kind: criterion.kind, rules: criterion.compiled.rules, required: criterion.required, default: criterion.default });
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/**
 * How the rules of two packs differ, criterion by criterion (matched by id), or null when a result
 * under one means the same under the other (same content hash, or nothing that decides a score or
 * rating differs). Each difference carries the CHANGELOG bullets, between the two versions, that
 * name the criterion (or, for the rating, bands and limiters).
 */
export function rulesDifference(a: RulePack, b: RulePack, changelog: string): RulesDifference | null {
  if (a.hash === b.hash) return null;
  const [earlier, later] = compareVersions(a.version, b.version) <= 0 ? [a, b] : [b, a];
  const entries = changelogEntries(changelog, earlier.version, later.version);
  const mentioning = (...words: string[]) => entries.filter((entry) => words.some((word) => entry.text.toLowerCase().includes(word.toLowerCase()))).map((entry) => `${entry.version}: ${entry.text}`);
  const before = new Map(earlier.criteria.map((criterion) => [criterion.id, criterion]));
  const criteria = later.criteria
    .filter((criterion) => {
      const old = before.get(criterion.id);
      return old === undefined || criterionRulesDigest(old) !== criterionRulesDigest(criterion);
    })
    .map((criterion) => {
      const changes = mentioning(criterion.id, criterion.title);
      return { criterion: criterion.id, changes: changes.length > 0 ? changes : [`Its rules differ between ${earlier.version} and ${later.version}; the CHANGELOG does not name it.`] };
    });
  const ratingOf = (pack: RulePack) => digest({ ratings: pack.manifest.ratings, limiters: pack.manifest.limiters, rounding: pack.manifest.rounding, provisional: pack.manifest.provisional });
  const rating = ratingOf(earlier) !== ratingOf(later);
  if (criteria.length === 0 && !rating) return null;
  return { from: { id: earlier.id, version: earlier.version, hash: earlier.hash }, to: { id: later.id, version: later.version, hash: later.hash }, criteria, rating };
}
