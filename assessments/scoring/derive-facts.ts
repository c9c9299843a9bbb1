import type { FactValue } from '../evidence/criterion-evidence.ts';
import type { PackCriterion } from '../rule-pack/rule-pack.ts';
import type { MissingIndicator } from './criterion-result.ts';
import { indicatorLabel } from '../evidence/indicator-label.ts';

/** Derives every fact of a criterion from its indicators; a fact is null when its indicators are absent. */
export function deriveFacts(criterion: PackCriterion, indicators: object): Record<string, FactValue> {
  const facts: Record<string, FactValue> = {};
  for (const [name, fact] of Object.entries(criterion.evidence.facts)) {
    facts[name] = fact.derive(indicators, criterion.parameterValues);
  }
  return facts;
}

/** The indicators that the criterion's required facts need but the evidence does not give. */
export function missingIndicators(criterion: PackCriterion, indicators: object, facts: Record<string, FactValue>): MissingIndicator[] {
  const missing = new Map<string, MissingIndicator>();
  for (const factName of criterion.required) {
    if (facts[factName] !== null) continue;
    const fact = criterion.evidence.facts[factName];
    const absent = (fact?.needs ?? []).filter((indicator) => (indicators as Record<string, unknown>)[indicator] === undefined);
    for (const indicator of absent.length > 0 ? absent : (fact?.needs ?? [])) {
      const entry = missing.get(indicator) ?? { indicator, label: indicatorLabel(criterion.evidence, indicator), neededFor: [] };
      entry.neededFor.push(factName);
      missing.set(indicator, entry);
    }
  }
  return [...missing.values()];
}
