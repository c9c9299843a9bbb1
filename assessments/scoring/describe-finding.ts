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
