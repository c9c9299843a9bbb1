import { parameterFactPrefix } from '../rule-pack/check-pack.ts';
import type { CheckTree, GateStatus } from '../rule-pack/pack-schema.ts';
import type { PackCriterion } from '../rule-pack/rule-pack.ts';
import type { Finding, Outcome } from '../scoring/criterion-result.ts';
import { gateLadder, type PathChange } from './path-to-next-rating.ts';

/** A check a rule needs that the evidence does not yet satisfy, with what it measured and against what. */
export type CheckToMeet = Omit<Finding, 'met' | 'meaning'> & {
  /** `met`: the check must come to be met. `not-met`: the rule holds it under a `not`, so it must stop being met. */
  needs: 'met' | 'not-met';
  /** What satisfying it would mean, in the pack's words. */
  meaning: string;
};

/** One rule that gives the outcome (or the pack's default), and what it still needs. */
export interface RuleRoute {
  /** The rule's name, or "default" when the outcome is the criterion's default (no rule gives it). */
  rule: string;
  outcome: Outcome;
  /** The checks not yet satisfied; for an `any`, the branch with the fewest of them. */
  unmet: CheckToMeet[];
}

export type ChecksToMeet =
  | {
      status: 'checks';
      criterion: string;
      target: Outcome;
      /** The rule needing the fewest changes (the first in the pack on a tie), or "default". */
      rule: string;
      /** Its unmet checks, with those of the rules that must stop applying. */
      unmet: CheckToMeet[];
      /**
       * Gate rules that outrank the target with a worse status (e.g. financial-management/severe):
       * they must stop applying, so their checks are negated into `unmet`. Empty for scored criteria.
       */
      mustStopApplying: string[];
      /** True when nothing is unmet (a judgement, not the evidence, holds the outcome lower). */
      alreadySatisfied: boolean;
      /** Every rule that gives the outcome, fewest unmet checks first. */
      routes: RuleRoute[];
    }
  | { status: 'no-rule'; criterion: string; target: Outcome; message: string };

type AnyRule = { name: string; conditions: CheckTree; event: { params: { score: number } | { status: GateStatus; rank: number } } };

/**
 * Which checks (indicator thresholds) would have to be met for a criterion to reach an outcome.
 * The rules decide as scoring does (score-criterion.ts): the highest score, or the highest-ranked
 * gate status, among the rules that fire, else the default. So this looks at the rule(s) giving
 * exactly that score or status, walks each rule's condition tree (all / any / not over check
 * references) and lists the checks not currently satisfied, taking for each `any` the branch with
 * the fewest. For a gate, rules that outrank the target with a worse status (severe outranks
 * well-managed) must also stop applying: their trees are negated and their unmet checks added.
 * An outcome that is the criterion's default needs no rule of its own. `findings` are the
 * criterion's current findings; a check without one (criterion not assessed) counts as not met.
 */
export function checksToMeet(criterion: PackCriterion, findings: readonly Finding[], target: Outcome): ChecksToMeet {
  const allRules = criterion.rules as readonly AnyRule[];
  const gives = (params: AnyRule['event']['params'] | PackCriterion['default']) =>
    'score' in target ? 'score' in params && params.score === target.score : 'status' in params && params.status === target.status;
  const rules = allRules.filter((rule) => gives(rule.event.params));
  const isDefault = gives(criterion.default);
  if (rules.length === 0 && !isDefault) {
    const what = 'score' in target ? `a score of ${target.score}` : `the status ${target.status}`;
    return { status: 'no-rule', criterion: criterion.id, target, message: `No rule of ${criterion.id} gives ${what}.` };
  }

  const byCheck = new Map(findings.map((finding) => [finding.check, finding]));
  let blocking: AnyRule[] = [];
  if ('status' in target) {
    const rankOf = (params: AnyRule['event']['params'] | PackCriterion['default']) => ('rank' in params ? params.rank : 0);
    const targetRank = Math.min(...[...rules.map((rule) => rankOf(rule.event.params)), ...(isDefault ? [rankOf(criterion.default)] : [])]);
    const worse = (params: AnyRule['event']['params']) => 'status' in params && gateLadder.indexOf(params.status) < gateLadder.indexOf(target.status);
    blocking = allRules.filter((rule) => rankOf(rule.event.params) > targetRank && worse(rule.event.params));
  }
  const blockingNeeds = blocking.flatMap((rule) => unmetIn(rule.conditions, false, byCheck));
  const candidates: Array<{ name: string; needs: Need[] }> = [
    ...rules.map((rule) => ({ name: rule.name, needs: unmetIn(rule.conditions, true, byCheck) })),
    ...(isDefault && rules.length === 0 ? [{ name: 'default', needs: [] }] : []),
  ];
  const routes = candidates
    .map((candidate): RuleRoute => ({
      rule: candidate.name,
      outcome: target,
      unmet: unique([...candidate.needs, ...blockingNeeds]).map((need) => describe(criterion, need, byCheck.get(need.check))),
    }))
    .map((route, index) => ({ route, index }))
    .sort((a, b) => a.route.unmet.length - b.route.unmet.length || a.index - b.index)
    .map(({ route }) => route);
  const cheapest = routes[0] as RuleRoute;
  return {
    status: 'checks',
    criterion: criterion.id,
    target,
    rule: cheapest.rule,
    unmet: cheapest.unmet,
    mustStopApplying: blocking.map((rule) => rule.name),
    alreadySatisfied: cheapest.unmet.length === 0,
    routes,
  };
}

/**
 * The checks for the next score up (+1): the rules giving the lowest score above `currentScore`
 * (usually currentScore + 1). `no-rule` when no rule gives a higher score.
 */
export function checksForNextScore(criterion: PackCriterion, findings: readonly Finding[], currentScore: number): ChecksToMeet {
  const higher = criterion.rules
    .map((rule) => rule.event.params)
    .flatMap((params) => ('score' in params && params.score > currentScore ? [params.score] : []));
  const next = higher.length === 0 ? currentScore + 1 : Math.min(...higher);
  return checksToMeet(criterion, findings, { score: next });
}

/** For each change of a path to the next rating, the checks its criterion (or the gate) would have to meet. */
export function checksForPath(
  changes: readonly PathChange[],
  criteria: readonly PackCriterion[],
  findingsByCriterion: Readonly<Record<string, readonly Finding[]>>,
): Array<{ change: PathChange; checks: ChecksToMeet | null }> {
  return changes.map((change) => {
    const criterion = change.kind === 'score' ? criteria.find((entry) => entry.id === change.criterion) : criteria.find((entry) => entry.kind === 'gate');
    if (criterion === undefined) return { change, checks: null };
    const findings = findingsByCriterion[criterion.id] ?? [];
    return { change, checks: checksToMeet(criterion, findings, change.kind === 'score' ? { score: change.to } : { status: change.to }) };
  });
}

type Need = { check: string; needs: 'met' | 'not-met' };

/**
 * The checks a condition tree still needs, under a polarity (`positive` false inside a `not`):
 * an `all` (or a negated `any`) needs every child; an `any` (or a negated `all`) needs its cheapest child.
 */
function unmetIn(tree: CheckTree, positive: boolean, findings: ReadonlyMap<string, Finding>): Need[] {
  if ('condition' in tree) {
    const met = findings.get(tree.condition)?.met ?? false;
    return met === positive ? [] : [{ check: tree.condition, needs: positive ? 'met' : 'not-met' }];
  }
  if ('not' in tree) return unmetIn(tree.not, !positive, findings);
  const children = ('all' in tree ? tree.all : tree.any).map((child) => unmetIn(child, positive, findings));
  const needsEvery = 'all' in tree === positive;
  if (needsEvery) return unique(children.flat());
  return children.reduce<Need[] | undefined>((best, child) => (best === undefined || unique(child).length < best.length ? unique(child) : best), undefined) ?? [];
}

function unique(needs: readonly Need[]): Need[] {
  const seen = new Set<string>();
  return needs.filter((need) => {
    const key = `${need.needs}\u0000${need.check}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describe(criterion: PackCriterion, need: Need, finding: Finding | undefined): CheckToMeet {
  const check = criterion.checks.find((entry) => entry.name === need.check);
  if (check === undefined) throw new Error(`${criterion.id} refers to the check "${need.check}", which it does not define`);
  const value = check.condition.value;
  const parameter = typeof value === 'object' && !Array.isArray(value) ? value.fact.slice(parameterFactPrefix.length) : null;
  const fact = criterion.evidence.facts[check.condition.fact];
  return {
    check: check.name,
    citation: check.citation,
    indicator: check.condition.fact,
    label: finding?.label ?? fact?.label ?? check.condition.fact,
    unit: finding?.unit ?? fact?.unit ?? null,
    value: finding?.value ?? null,
    comparison: check.condition.operator,
    threshold: finding?.threshold ?? (parameter === null ? value : (criterion.parameterValues[parameter] ?? null)),
    parameter,
    needs: need.needs,
    meaning: need.needs === 'met' ? check.meaning.met : check.meaning.notMet,
  };
}
