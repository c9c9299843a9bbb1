import type { CriterionEvidence } from '../evidence/criterion-evidence.ts';
import type { FieldIssue } from '../errors.ts';
import type { CheckTree, ComparisonTree, CriterionFile, ManifestFile } from './pack-schema.ts';

/** The comparison operators a pack may use: json-rules-engine's defaults. */
export const operators = [
  'equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain',
  'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive',
] as const;

/** Facts the rating's limiters may compare (see rating/limiter-facts.ts). */
export const limiterFacts = ['criteriaScoredAtOrBelow', 'criteriaScoredAtOrBelow:ids', 'gateStatus'] as const;

/** The prefix by which a rule names one of its criterion's parameters as a fact: {"fact": "param:x"}. */
export const parameterFactPrefix = 'param:';

/**
 * Checks a criterion file against the evidence definition it scores: every fact, parameter,
 * operator and check it names must exist. Returns issues with JSON paths; none means consistent.
 */
export function checkCriterion(file: CriterionFile, evidence: CriterionEvidence): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const facts = new Set(Object.keys(evidence.facts));
  const parameters = new Set(Object.keys(file.parameters));
  const checks = new Set<string>();

  file.required.forEach((fact, index) => {
    if (!facts.has(fact)) issues.push({ path: `$.required[${index}]`, message: unknownFact(fact, facts) });
  });
  for (const [factName, fact] of Object.entries(evidence.facts)) {
    for (const parameter of fact.parameters ?? []) {
      if (!parameters.has(parameter)) {
        issues.push({ path: '$.parameters', message: `the fact "${factName}" is derived with the parameter "${parameter}", which the file does not define` });
      }
    }
  }
  file.checks.forEach((check, index) => {
    const path = `$.checks[${index}]`;
    if (checks.has(check.name)) issues.push({ path: `${path}.name`, message: `the check "${check.name}" is defined twice` });
    checks.add(check.name);
    if (!facts.has(check.condition.fact)) issues.push({ path: `${path}.condition.fact`, message: unknownFact(check.condition.fact, facts) });
    if (!isOperator(check.condition.operator)) issues.push({ path: `${path}.condition.operator`, message: unknownOperator(check.condition.operator) });
    const value = check.condition.value;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const parameter = value.fact.startsWith(parameterFactPrefix) ? value.fact.slice(parameterFactPrefix.length) : undefined;
      if (parameter === undefined || !parameters.has(parameter)) {
        issues.push({ path: `${path}.condition.value.fact`, message: `"${value.fact}" is not one of this file's parameters (write "param:<name>" with a name from $.parameters)` });
      }
    }
  });
  file.rules.forEach((rule, index) => {
    for (const reference of referencedChecks(rule.conditions)) {
      if (!checks.has(reference)) issues.push({ path: `$.rules[${index}].conditions`, message: `refers to the check "${reference}", which $.checks does not define` });
    }
  });
  return issues;
}

/** Checks the manifest's bands are contiguous from 25% to 100% and its limiters compare known facts. */
export function checkManifest(manifest: ManifestFile): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const order = ['inadequate', 'requires-improvement', 'good', 'outstanding'];
  manifest.ratings.forEach((rating, index) => {
    const path = `$.ratings[${index}]`;
    if (rating.id !== order[index]) issues.push({ path: `${path}.id`, message: `ratings must run from worst to best: expected "${order[index]}"` });
    const expectedMin = index === 0 ? 25 : (manifest.ratings[index - 1]?.maxPercent ?? 0) + 1;
    if (rating.minPercent !== expectedMin) issues.push({ path: `${path}.minPercent`, message: `bands must be contiguous: expected ${expectedMin}` });
    if (rating.maxPercent < rating.minPercent) issues.push({ path: `${path}.maxPercent`, message: 'must not be below minPercent' });
  });
  const last = manifest.ratings[manifest.ratings.length - 1];
  if (last !== undefined && last.maxPercent !== 100) issues.push({ path: `$.ratings[${manifest.ratings.length - 1}].maxPercent`, message: 'the best band must end at 100' });
  manifest.limiters.forEach((limiter, index) => {
    for (const { fact, operator } of comparisons(limiter.conditions)) {
      if (!(limiterFacts as readonly string[]).includes(fact)) issues.push({ path: `$.limiters[${index}].conditions`, message: `unknown fact "${fact}"; limiters may compare ${limiterFacts.join(', ')}` });
      if (!isOperator(operator)) issues.push({ path: `$.limiters[${index}].conditions`, message: unknownOperator(operator) });
    }
  });
  const ids = manifest.criteria.map((criterion) => criterion.id);
  ids.forEach((id, index) => {
    if (ids.indexOf(id) !== index) issues.push({ path: `$.criteria[${index}].id`, message: `the criterion "${id}" is listed twice` });
  });
  return issues;
}

export function referencedChecks(tree: CheckTree): string[] {
  if ('condition' in tree) return [tree.condition];
  if ('not' in tree) return referencedChecks(tree.not);
  return ('all' in tree ? tree.all : tree.any).flatMap(referencedChecks);
}

function comparisons(tree: ComparisonTree): Array<{ fact: string; operator: string }> {
  if ('fact' in tree) return [tree];
  if ('not' in tree) return comparisons(tree.not);
  return ('all' in tree ? tree.all : tree.any).flatMap(comparisons);
}

function isOperator(name: string): boolean {
  return (operators as readonly string[]).includes(name);
}

function unknownOperator(name: string): string {
  return `unknown operator "${name}"; use one of ${operators.join(', ')}`;
}

function unknownFact(name: string, facts: ReadonlySet<string>): string {
  return `unknown fact "${name}"; this criterion's facts are ${[...facts].join(', ')}`;
}
