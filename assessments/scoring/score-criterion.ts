import { Engine, type RuleResult } from 'json-rules-engine';
import type { FactValue } from '../evidence/criterion-evidence.ts';
import type { PackCriterion } from '../rule-pack/rule-pack.ts';
import type { CriterionProposal, Finding, Outcome, TraceEntry } from './criterion-result.ts';
import { deriveFacts, missingIndicators } from './derive-facts.ts';
import { findingOf } from './finding.ts';

/**
 * Runs one criterion's rules over one perspective's indicators.
 *
 * Each call builds its own json-rules-engine Engine: an Engine keeps run state on the instance,
 * and json-rules-engine 7 skips rules when one instance runs concurrently across priorities, so
 * engines are never shared between runs. The rules are the pack's, compiled at load (see
 * compile-criterion.ts): the outcome rules, and one "findings" rule holding every check in an
 * `any` (json-rules-engine evaluates all conditions of equal priority together, so its result
 * records every comparison, met or not).
 */
export async function scoreCriterion(criterion: PackCriterion, indicators: object = {}): Promise<CriterionProposal> {
  const facts = deriveFacts(criterion, indicators);
  const missing = missingIndicators(criterion, indicators, facts);
  const base = { criterion: criterion.id, title: criterion.title, kind: criterion.kind, citations: criterion.citations, facts };
  if (missing.length > 0) {
    return { ...base, assessed: false, proposed: null, decidedBy: null, findings: [], missing, trace: [] };
  }

  const engine = new Engine(criterion.compiled.rules, { allowUndefinedFacts: false });
  const { results, failureResults } = await engine.run({ ...facts });
  const evaluated = new Map<string, RuleResult>([...results, ...failureResults].map((result) => [result.name as string, result]));

  const checked = new Map<string, TraceEntry['comparisons'][number]>();
  for (const result of evaluated.values()) for (const comparison of comparisonsOf(result)) if (comparison.check !== null) checked.set(comparison.check, comparison);
  const findings = criterion.checks.map((check): Finding => {
    const comparison = checked.get(check.name);
    if (comparison === undefined) throw new Error(`json-rules-engine did not evaluate the check ${check.name} of ${criterion.id}`);
    return findingOf(criterion, check, facts, comparison.threshold, comparison.result);
  });

  const fired = criterion.rules.filter((rule) => evaluated.get(rule.name)?.result === true);
  const decided = best(fired, (rule) => rankOf(rule.event.params));
  const decision = decided ?? { name: 'default', event: { params: criterion.default } };
  const params = decision.event.params;
  const proposed: Outcome = 'score' in params ? { score: params.score } : { status: params.status };

  const trace: TraceEntry[] = criterion.rules.map((rule) => ({ rule: rule.name, fired: evaluated.get(rule.name)?.result === true, comparisons: comparisonsOf(evaluated.get(rule.name)) }));

  return {
    ...base,
    assessed: true,
    proposed,
    decidedBy: { rule: decision.name, citation: params.citation, summary: params.summary },
    findings,
    missing: [],
    trace,
  };
}

/** Scored criteria take the highest score that fired; a gate takes the highest-ranked status that fired. */
function rankOf(params: { score: number } | { rank: number }): number {
  return 'score' in params ? params.score : params.rank;
}

function best<T>(items: readonly T[], rank: (item: T) => number): T | undefined {
  return items.reduce<T | undefined>((top, item) => (top === undefined || rank(item) > rank(top) ? item : top), undefined);
}

type EvaluatedCondition = { name?: string; fact?: string; operator?: string; factResult?: unknown; valueResult?: unknown; result?: boolean; all?: EvaluatedCondition[]; any?: EvaluatedCondition[]; not?: EvaluatedCondition };

/** The leaf comparisons a rule evaluated, in the order written, with the values it saw. */
function comparisonsOf(result: RuleResult | undefined): TraceEntry['comparisons'] {
  if (result === undefined) return [];
  const leaves: TraceEntry['comparisons'] = [];
  const walk = (condition: EvaluatedCondition): void => {
    if (condition.all) condition.all.forEach(walk);
    else if (condition.any) condition.any.forEach(walk);
    else if (condition.not) walk(condition.not);
    else if (condition.fact !== undefined && condition.result !== undefined) {
      leaves.push({
        check: condition.name ?? null,
        fact: condition.fact,
        value: (condition.factResult ?? null) as FactValue,
        operator: condition.operator ?? '',
        threshold: condition.valueResult,
        result: condition.result,
      });
    }
  };
  walk(result.conditions as EvaluatedCondition);
  return leaves;
}
