import type { FactValue } from '../evidence/criterion-evidence.ts';
import { parameterFactPrefix } from '../rule-pack/check-pack.ts';
import type { PackCriterion } from '../rule-pack/rule-pack.ts';
import type { Finding } from './criterion-result.ts';

/** The finding one check of a criterion yields, given the facts, the threshold compared and the result. */
export function findingOf(criterion: PackCriterion, check: PackCriterion['checks'][number], facts: Record<string, FactValue>, threshold: unknown, met: boolean): Finding {
  const fact = criterion.evidence.facts[check.condition.fact];
  const value = check.condition.value;
  return {
    check: check.name,
    citation: check.citation,
    indicator: check.condition.fact,
    label: fact?.label ?? check.condition.fact,
    unit: fact?.unit ?? null,
    value: facts[check.condition.fact] ?? null,
    comparison: check.condition.operator,
    threshold,
    parameter: typeof value === 'object' && !Array.isArray(value) ? value.fact.slice(parameterFactPrefix.length) : null,
    met,
    meaning: met ? check.meaning.met : check.meaning.notMet,
  };
}
