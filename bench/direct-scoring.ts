// The floor for the scoring benchmark: the same pack's checks, rules and limiters evaluated by
// plain TypeScript, with no json-rules-engine. It shares fact derivation with the product and
// returns the same outcomes, findings and rating, which the benchmark checks before timing anything.
import type { FactValue } from '../assessments/evidence/criterion-evidence.ts';
import type { PerspectiveEvidence } from '../assessments/evidence/perspective-evidence.ts';
import type { CheckTree, ComparisonTree, RatingId } from '../assessments/rule-pack/pack-schema.ts';
import type { RulePack } from '../assessments/rule-pack/rule-pack.ts';
import { parameterFactPrefix } from '../assessments/rule-pack/check-pack.ts';
import type { Finding } from '../assessments/scoring/criterion-result.ts';
import { deriveFacts, missingIndicators } from '../assessments/scoring/derive-facts.ts';
import { findingOf } from '../assessments/scoring/finding.ts';
import { roundHalfUp } from '../assessments/rating/round-half-up.ts';

const compare: Record<string, (left: any, right: any) => boolean> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => b.includes(a),
  notIn: (a, b) => !b.includes(a),
  contains: (a, b) => Array.isArray(a) && a.includes(b),
  doesNotContain: (a, b) => Array.isArray(a) && !a.includes(b),
  lessThan: (a, b) => typeof a === 'number' && a < b,
  lessThanInclusive: (a, b) => typeof a === 'number' && a <= b,
  greaterThan: (a, b) => typeof a === 'number' && a > b,
  greaterThanInclusive: (a, b) => typeof a === 'number' && a >= b,
};

export interface DirectResult {
  outcomes: Record<string, number | string>;
  findings: Finding[];
  percentage: number | null;
  final: RatingId | null;
}

export function scoreDirectly(pack: RulePack, evidence: PerspectiveEvidence): DirectResult {
  const outcomes: Record<string, number | string> = {};
  const findings: Finding[] = [];
  for (const criterion of pack.criteria) {
    const indicators = evidence.criteria[criterion.id]?.indicators ?? {};
    const facts = deriveFacts(criterion, indicators);
    if (missingIndicators(criterion, indicators, facts).length > 0) {
      outcomes[criterion.id] = 'not-assessed';
      continue;
    }
    const valueOf = (value: unknown): unknown =>
      typeof value === 'object' && value !== null && !Array.isArray(value) ? criterion.parameterValues[(value as { fact: string }).fact.slice(parameterFactPrefix.length)] : value;
    const results = new Map<string, boolean>();
    for (const check of criterion.checks) {
      const threshold = valueOf(check.condition.value);
      const met = compare[check.condition.operator]?.(facts[check.condition.fact] as FactValue, threshold) ?? false;
      results.set(check.name, met);
      findings.push(findingOf(criterion, check, facts, threshold, met));
    }
    const holds = (tree: CheckTree): boolean =>
      'condition' in tree ? results.get(tree.condition) === true : 'not' in tree ? !holds(tree.not) : 'all' in tree ? tree.all.every(holds) : tree.any.some(holds);
    let best: { rank: number; outcome: number | string } | undefined;
    for (const rule of criterion.rules) {
      if (!holds(rule.conditions)) continue;
      const params = rule.event.params;
      const rank = 'score' in params ? params.score : params.rank;
      if (best === undefined || rank > best.rank) best = { rank, outcome: 'score' in params ? params.score : params.status };
    }
    const fallback = criterion.default;
    outcomes[criterion.id] = best?.outcome ?? ('score' in fallback ? fallback.score : fallback.status);
  }
  return { outcomes, findings, ...rateDirectly(pack, outcomes) };
}

function rateDirectly(pack: RulePack, outcomes: Record<string, number | string>): { percentage: number | null; final: RatingId | null } {
  const scores = pack.criteria.filter((criterion) => criterion.kind === 'scored').map((criterion) => outcomes[criterion.id]).filter((score): score is number => typeof score === 'number');
  if (scores.length === 0) return { percentage: null, final: null };
  const percentage = roundHalfUp((100 * scores.reduce((sum, score) => sum + score, 0)) / (4 * scores.length));
  const gate = pack.criteria.find((criterion) => criterion.kind === 'gate');
  const gateStatus = gate === undefined ? 'not-assessed' : outcomes[gate.id];
  const facts = (fact: string, params: Record<string, unknown> | undefined): unknown =>
    fact === 'gateStatus' ? gateStatus : scores.filter((score) => score <= Number(params?.score)).length;
  const holds = (tree: ComparisonTree): boolean =>
    'fact' in tree ? compare[tree.operator]?.(facts(tree.fact, tree.params), tree.value) ?? false : 'not' in tree ? !holds(tree.not) : 'all' in tree ? tree.all.every(holds) : tree.any.some(holds);
  const order = pack.manifest.ratings.map((rating) => rating.id);
  let final = pack.manifest.ratings.find((band) => percentage >= band.minPercent && percentage <= band.maxPercent)?.id ?? null;
  for (const limiter of pack.manifest.limiters) {
    if (final !== null && holds(limiter.conditions) && order.indexOf(limiter.event.params.capAt) < order.indexOf(final)) final = limiter.event.params.capAt;
  }
  return { percentage, final };
}
