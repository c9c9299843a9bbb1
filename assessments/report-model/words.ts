import type { Perspective } from '../evidence/perspective-evidence.ts';
import type { GateStatus, ManifestFile } from '../rule-pack/pack-schema.ts';
import type { Outcome } from '../scoring/criterion-result.ts';

/** How a report names each perspective. */
export const perspectiveNames: Readonly<Record<Perspective, string>> = { self: 'Self-assessment', peer: 'Peer review', assessor: 'Assessor' };

export const gateStatusNames: Readonly<Record<GateStatus, string>> = {
  'well-managed': 'Well managed',
  'not-well-managed': 'Not well managed',
  severe: 'Severe',
};

/** "3 — Good", "Not well managed", or "Not assessed". */
export function outcomeText(outcome: Outcome | null, manifest: ManifestFile): string {
  if (outcome === null) return 'Not assessed';
  if ('status' in outcome) return gateStatusNames[outcome.status];
  return `${outcome.score} — ${manifest.scale[String(outcome.score) as keyof ManifestFile['scale']]}`;
}

/** A short form for table cells: "3", "Well managed", "–". */
export function outcomeCell(outcome: Outcome | null): string {
  if (outcome === null) return '–';
  return 'status' in outcome ? gateStatusNames[outcome.status] : String(outcome.score);
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2025-03-31" → "31 March 2025"; anything that is not such a date is shown as given. */
export function longDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = match === null ? undefined : months[Number(match[2]) - 1];
  return match === null || month === undefined ? iso : `${Number(match[3])} ${month} ${match[1]}`;
}

/** Narrative text as paragraphs: split on blank lines, single line breaks kept as spaces. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' ').trim())
    .filter((paragraph) => paragraph.length > 0);
}

/** "a", "a and b", "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] as string}`;
}

/** The anchor of a criterion's section, e.g. "criterion-hosc-effectiveness". */
export function anchorOf(criterion: string): string {
  return `criterion-${criterion.replace(/[^a-z0-9-]/g, '-')}`;
}
