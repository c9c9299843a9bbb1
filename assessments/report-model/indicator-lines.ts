import type { Finding } from '../scoring/criterion-result.ts';
import { describeComparison, describeValue } from '../scoring/describe-finding.ts';
import type { IndicatorLine } from './report-model.ts';

/** A finding's value and what it is compared with, apart: { value: "3 sessions", needs: "≥ 4 sessions" }. */
export function comparisonParts(finding: Pick<Finding, 'value' | 'unit' | 'comparison' | 'threshold'>): { value: string; needs: string } {
  return { value: describeValue(finding.value, finding.unit), needs: needsOf(finding) };
}

/** "≥ 4 sessions": describe-finding.ts's comparison, read with no value so that only the threshold is formatted. */
function needsOf(finding: Pick<Finding, 'unit' | 'comparison' | 'threshold'>): string {
  const whole = describeComparison({ ...finding, value: null, check: '', citation: '', indicator: '', label: '', parameter: null, met: false, meaning: '' });
  const prefix = 'not given (needs ';
  return whole.startsWith(prefix) && whole.endsWith(')') ? whole.slice(prefix.length, -1) : whole;
}

/** Each indicator's value in words, once per indicator: what another perspective's findings are compared by. */
export function indicatorValues(findings: readonly Finding[]): Map<string, { label: string; value: string }> {
  const values = new Map<string, { label: string; value: string }>();
  for (const finding of findings) if (!values.has(finding.indicator)) values.set(finding.indicator, { label: finding.label, value: describeValue(finding.value, finding.unit) });
  return values;
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
      indicator: first.indicator,
      label: first.label,
      value: describeValue(first.value, first.unit),
      thresholds: group.map((finding) => ({ needs: needsOf(finding), met: finding.met })),
      meaning: shown.meaning,
      citations: [...new Set(group.map((finding) => finding.citation))].join(', '),
    };
  });
}
