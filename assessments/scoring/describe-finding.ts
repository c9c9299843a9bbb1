import type { CheckTree } from '../rule-pack/pack-schema.ts';
import type { PackCriterion } from '../rule-pack/rule-pack.ts';
import type { Finding } from './criterion-result.ts';

const symbols: Readonly<Record<string, string>> = {
  equal: '=',
  notEqual: '≠',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  in: 'one of',
  notIn: 'not one of',
  contains: 'contains',
  doesNotContain: 'does not contain',
};

/** A value as a reader sees it: "yes"/"no" for booleans, "not given" for null, with its unit. */
export function describeValue(value: unknown, unit: string | null): string {
  if (value === null || value === undefined) return 'not given';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map((item) => describeValue(item, null)).join(', ');
  // A small negative rounds to "-0", which means nothing to a reader.
  const text = typeof value === 'number' ? value.toLocaleString('en-GB', { maximumFractionDigits: 2 }).replace(/^-0$/, '0') : String(value);
  if (unit === null) return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

/** "4 sessions (needs ≥ 4 sessions)": a finding's value against its threshold, in plain words. */
export function describeComparison(finding: Finding): string {
  const symbol = symbols[finding.comparison] ?? finding.comparison;
  return `${describeValue(finding.value, finding.unit)} (needs ${symbol} ${describeValue(finding.threshold, finding.unit)})`;
}

/** The checks a rule's condition tree refers to, in the order written. */
function checksOf(tree: CheckTree): string[] {
  if ('condition' in tree) return [tree.condition];
  if ('not' in tree) return checksOf(tree.not);
  return ('all' in tree ? tree.all : tree.any).flatMap(checksOf);
}

/**
 * Why the rules proposed what they did, naming only what this evidence shows. A rule that fired
 * says so in its own summary. The pack's default is what is left when no rule fires, and its summary
 * lists every way to end there ("off plan, efficiency short of plan, in oversight segment 3, or …"),
 * so it is replaced by its lead and the checks that actually failed, with their values: those of the
 * rule that came nearest to firing (fewest checks unmet).
 */
export function reasonOf(proposal: { decidedBy: { rule: string; summary: string } | null; findings: readonly Finding[] }, packCriterion: Pick<PackCriterion, 'rules'> | undefined): string | null {
  const decided = proposal.decidedBy;
  if (decided === null) return null;
  if (decided.rule !== 'default' || packCriterion === undefined) return decided.summary;
  const unmet = new Map(proposal.findings.filter((finding) => !finding.met).map((finding) => [finding.check, finding]));
  const nearest = packCriterion.rules
    .map((rule) => [...new Set(checksOf(rule.conditions as CheckTree))].flatMap((check) => unmet.get(check) ?? []))
    .filter((failed) => failed.length > 0)
    .reduce<Finding[] | undefined>((best, failed) => (best === undefined || failed.length < best.length ? failed : best), undefined);
  if (nearest === undefined) return decided.summary;
  const lead = (decided.summary.split(':')[0] ?? decided.summary).replace(/\.$/, '');
  return `${lead}: ${nearest.map((finding) => `${finding.meaning.replace(/\.$/, '')}: ${describeComparison(finding)}`).join('; ')}.`;
}
