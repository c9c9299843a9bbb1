import type { Finding } from '../scoring/criterion-result.ts';
import { describeComparison, describeValue } from '../scoring/describe-finding.ts';
import type { IndicatorLine } from './report-model.ts';

/** A finding's value and what it is compared with, apart: { value: "3 sessions", needs: "≥ 4 sessions" }. */
export function comparisonParts(finding: Pick<Finding, 'value' | 'unit' | 'comparison' | 'threshold'>): { value: string; needs: string } {
  const value = describeValue(finding.value, finding.unit);
  const whole = describeComparison({ ...finding, check: '', citation: '', indicator: '', label: '', parameter: null, met: false, meaning: '' });
  const needs = whole.startsWith(`${value} (needs `) && whole.endsWith(')') ? whole.slice(value.length + 8, -1) : whole;
  return { value, needs };
}

/**
 * Findings one line per indicator: a fact compared with several thresholds (4 sessions for 4, 2 for
 * 3, 1 for 2) is one row with its value once and each threshold met or not. The meaning shown is
 * that of the most demanding threshold met (the pack lists the most demanding first), or of the
 * least demanding one missed when none is met.
 */
export function indicatorLines(findings: readonly Finding[]): IndicatorLine[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) groups.set(finding.indicator, [...(groups.get(finding.indicator) ?? []), finding]);
  return [...groups.values()].map((group) => {
    const first = group[0] as Finding;
    const shown = group.find((finding) => finding.met) ?? (group[group.length - 1] as Finding);
    return {
      label: first.label,
      value: comparisonParts(first).value,
      thresholds: group.map((finding) => ({ needs: comparisonParts(finding).needs, met: finding.met })),
      meaning: shown.meaning,
      citations: [...new Set(group.map((finding) => finding.citation))].join(', '),
    };
  });
}
