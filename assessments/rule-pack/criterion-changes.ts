import type { RulePack } from './rule-pack.ts';

/** How one criterion differs between two versions of a pack: nothing, or each difference in words. */
export interface CriterionChanges {
  criterion: string;
  from: string;
  to: string;
  /** False when the criterion's rules (parameters, required facts, checks, rules, default) are the same in both. */
  changed: boolean;
  /** Scores for the same evidence can differ: a threshold, operator, required fact, rule or default differs. */
  scoringChanged: boolean;
  differences: string[];
}

/**
 * Whether two versions of a pack differ for a criterion, and how (for trends that compare scores
 * across versions): each parameter, check, rule and the default compared as data. Wording-only
 * differences (a check's meaning, a rule's summary) are listed but do not set `scoringChanged`.
 */
export function criterionChanges(packA: RulePack, packB: RulePack, criterionId: string): CriterionChanges {
  const a = packA.criteria.find((criterion) => criterion.id === criterionId);
  const b = packB.criteria.find((criterion) => criterion.id === criterionId);
  const base = { criterion: criterionId, from: `${packA.id} ${packA.version}`, to: `${packB.id} ${packB.version}` };
  if (a === undefined || b === undefined) {
    const missing = a === undefined && b === undefined ? 'neither version has it' : a === undefined ? `only ${base.to} has it` : `only ${base.from} has it`;
    return { ...base, changed: a !== b, scoringChanged: a !== b, differences: [`The criterion ${criterionId}: ${missing}.`] };
  }
  const differences: string[] = [];
  let scoringChanged = false;
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  const note = (scoring: boolean, text: string) => {
    scoringChanged ||= scoring;
    differences.push(text);
  };

  for (const name of union(Object.keys(a.parameters), Object.keys(b.parameters))) {
    const [x, y] = [a.parameters[name], b.parameters[name]];
    if (x?.value !== y?.value) note(true, `Parameter ${name}: ${x?.value ?? 'absent'} → ${y?.value ?? 'absent'}`);
    else if (!same(x, y)) note(false, `Parameter ${name}: description reworded`);
  }
  if (!same(a.required, b.required)) note(true, `Required facts: ${a.required.join(', ')} → ${b.required.join(', ')}`);
  for (const name of union(a.checks.map((check) => check.name), b.checks.map((check) => check.name))) {
    const [x, y] = [a.checks.find((check) => check.name === name), b.checks.find((check) => check.name === name)];
    if (x === undefined || y === undefined) note(true, `Check ${name}: ${x === undefined ? 'added' : 'removed'}`);
    else if (!same(x.condition, y.condition)) note(true, `Check ${name}: ${describe(x.condition)} → ${describe(y.condition)}`);
    else if (!same(x, y)) note(false, `Check ${name}: meaning reworded`);
  }
  for (const name of union(a.rules.map((rule) => rule.name), b.rules.map((rule) => rule.name))) {
    const [x, y] = [a.rules.find((rule) => rule.name === name), b.rules.find((rule) => rule.name === name)];
    if (x === undefined || y === undefined) note(true, `Rule ${name}: ${x === undefined ? 'added' : 'removed'}`);
    else if (!same(x.conditions, y.conditions) || !same({ ...x.event.params, summary: '' }, { ...y.event.params, summary: '' })) note(true, `Rule ${name}: conditions or outcome changed`);
    else if (!same(x, y)) note(false, `Rule ${name}: summary reworded`);
  }
  if (!same({ ...a.default, summary: '' }, { ...b.default, summary: '' })) note(true, 'Default outcome changed');
  else if (!same(a.default, b.default)) note(false, 'Default outcome: summary reworded');
  if (a.title !== b.title || a.summary !== b.summary || a.thresholdsRationale !== b.thresholdsRationale || !same(a.citations, b.citations)) note(false, 'Title, summary, rationale or citations reworded');
  return { ...base, changed: differences.length > 0, scoringChanged, differences };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function describe(condition: { fact: string; operator: string; value: unknown }): string {
  return `${condition.fact} ${condition.operator} ${JSON.stringify(condition.value)}`;
}
