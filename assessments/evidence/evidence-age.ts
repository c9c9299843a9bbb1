import type { ManifestFile } from '../rule-pack/pack-schema.ts';
import { longDate } from '../report-model/words.ts';

/** An item of evidence whose as-at date is older than the pack allows at the end of the period. */
export interface OutOfDateItem {
  /** The indicator's name, or "narrative". */
  item: string;
  asAt: string;
}

/** The pack's limit on evidence age for a period, in words and as the earliest as-at date that is not out of date. */
export interface EvidenceAgeLimit {
  /** YYYY-MM-DD: evidence as at an earlier date is out of date. */
  earliest: string;
  months: number;
  citation: string;
  /** "Evidence as at a date before 30 September 2024 is more than 18 months old at the end of 2025/26 (¶3.130)." */
  text: string;
}

/**
 * The limit the pinned pack sets for a period (from 1.1.0, manifest `evidenceAge`), or null when
 * the pack sets none (1.0.0: no flag, so an assessment pinned to it shows exactly what it did).
 * The period 2025/26 ends on 31 March 2026; 18 months before is 30 September 2024.
 */
export function evidenceAgeLimit(manifest: ManifestFile, period: string): EvidenceAgeLimit | null {
  if (manifest.evidenceAge === undefined) return null;
  const months = manifest.evidenceAge.maxMonthsAtPeriodEnd;
  const endYear = Number(period.slice(0, 4)) + 1;
  const monthIndex = 2 - months; // March, counted from January of the end year
  const year = endYear + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const earliest = new Date(Date.UTC(year, month, Math.min(31, lastDay))).toISOString().slice(0, 10);
  return { earliest, months, citation: manifest.evidenceAge.citation, text: `Evidence as at a date before ${longDate(earliest)} is more than ${months} months old at the end of ${period} (${manifest.evidenceAge.citation}).` };
}

/** The items of one criterion's evidence that are out of date under the limit: shown as a flag, never scored. */
export function outOfDateItems(evidence: { indicators: object; narrative?: { asAt: string } | undefined } | undefined, limit: EvidenceAgeLimit | null): OutOfDateItem[] {
  if (evidence === undefined || limit === null) return [];
  const items: OutOfDateItem[] = Object.entries(evidence.indicators as Record<string, { asAt: string } | undefined>).flatMap(([item, given]) => (given !== undefined && given.asAt < limit.earliest ? [{ item, asAt: given.asAt }] : []));
  if (evidence.narrative !== undefined && evidence.narrative.asAt < limit.earliest) items.push({ item: 'narrative', asAt: evidence.narrative.asAt });
  return items;
}
