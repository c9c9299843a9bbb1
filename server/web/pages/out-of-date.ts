import { evidenceAgeLimit, outOfDateItems } from '../../../assessments/evidence/evidence-age.ts';
import { evidenceForm } from '../../../assessments/forms/evidence-form.ts';
import { longDate } from '../../../assessments/report-model/words.ts';
import type { PackCriterion, RulePack } from '../../../assessments/rule-pack/rule-pack.ts';

/** Out-of-date evidence of one criterion in words for a page, or null when none is (or the pinned pack sets no limit). */
export function outOfDateInWords(pack: RulePack, period: string, criterion: PackCriterion, evidence: { indicators: object; narrative?: { asAt: string } } | undefined): { text: string; items: string[] } | null {
  const limit = evidenceAgeLimit(pack.manifest, period);
  const items = outOfDateItems(evidence, limit);
  if (limit === null || items.length === 0) return null;
  const labels = new Map<string, string>();
  for (const part of evidenceForm(criterion.evidence).children) {
    if (part.kind === 'group' && part.key === 'indicators') for (const child of part.children) labels.set(child.key, child.label ?? child.key);
  }
  return {
    text: `Evidence as at a date before ${longDate(limit.earliest)} is more than ${limit.months} months old at the end of ${period} (${limit.citation}). It is flagged for the people judging it; it does not change the score by itself.`,
    items: items.map((item) => `${item.item === 'narrative' ? 'Narrative' : (labels.get(item.item) ?? item.item)}: as at ${longDate(item.asAt)}`),
  };
}
