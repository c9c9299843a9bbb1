import type { RuleProperties, TopLevelCondition } from 'json-rules-engine';
import { parameterFactPrefix, referencedChecks } from './check-pack.ts';
import type { CheckTree, CriterionFile } from './pack-schema.ts';

/** A criterion's rules as the engine runs them. */
export interface CompiledCriterion {
  /** The rules to run: the pack's outcome rules with each check reference replaced by the check's
   *  comparison (named after the check), and, when some checks are in no outcome rule, one
   *  "findings" rule holding those, so that every check is evaluated and recorded as a finding. */
  rules: RuleProperties[];
}

export const findingsRuleName = 'findings';

/**
 * Prepares a criterion's rules for the engine once, when the pack is loaded: parameter references
 * ({"fact": "param:x"}) become the parameter's value and check references ({"condition": "name"})
 * become the check's comparison. The meaning is unchanged; the engine then neither looks up
 * parameters as facts nor clones referenced conditions on every run. json-rules-engine evaluates
 * every condition of equal priority in a rule (it does not short-circuit within a set), so each
 * check is evaluated by the rules it appears in.
 */
export function compileCriterion(file: CriterionFile): CompiledCriterion {
  const comparisons = new Map(
    file.checks.map((check) => {
      const value = check.condition.value;
      const parameter = typeof value === 'object' && !Array.isArray(value) ? value.fact.slice(parameterFactPrefix.length) : null;
      return [check.name, { ...check.condition, name: check.name, value: parameter === null ? value : (file.parameters[parameter]?.value ?? value) }] as const;
    }),
  );
  const inline = (tree: CheckTree): TopLevelCondition | Record<string, unknown> => {
    if ('condition' in tree) return comparisons.get(tree.condition) as Record<string, unknown>;
    if ('not' in tree) return { not: inline(tree.not) };
    if ('all' in tree) return { all: tree.all.map(inline) };
    return { any: tree.any.map(inline) };
  };
  const referenced = new Set(file.rules.flatMap((rule) => referencedChecks(rule.conditions)));
  const unreferenced = file.checks.filter((check) => !referenced.has(check.name)).map((check) => comparisons.get(check.name));
  return {
    rules: [
      ...file.rules.map((rule) => ({ name: rule.name, conditions: inline(rule.conditions) as TopLevelCondition, event: rule.event })),
      ...(unreferenced.length === 0 ? [] : [{ name: findingsRuleName, conditions: { any: unreferenced } as TopLevelCondition, event: { type: 'findings' } }]),
    ],
  };
}
