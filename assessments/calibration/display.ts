/**
 * Rounds to a number of decimal places, halves away from zero (0.125 → 0.13, −0.125 → −0.13), so
 * a negative value rounds as its positive mirror does. Tolerates binary noise (0.7249999999 is a half).
 */
export function roundTo(value: number, places: number): number {
  const scale = 10 ** places;
  const rounded = Math.sign(value) * Math.floor(Math.abs(value) * scale + 0.5 + 1e-9);
  return rounded / scale + 0; // + 0 turns −0 into 0
}

/** A number for a reader: fixed decimals, a true minus sign (U+2212) for negatives, no "−0". */
export function formatNumber(value: number, places: number): string {
  const rounded = roundTo(value, places);
  const text = Math.abs(rounded).toFixed(places);
  return rounded < 0 ? `\u2212${text}` : text;
}

/** A difference for a reader, always signed: "+0.60", "−0.25", "0.00". */
export function formatSigned(value: number, places: number): string {
  const rounded = roundTo(value, places);
  return rounded > 0 ? `+${formatNumber(rounded, places)}` : formatNumber(rounded, places);
}

/** A share (0–1) as a whole percentage: 0.7777 → "78%". */
export function formatShare(share: number): string {
  return `${formatNumber(100 * share, 0)}%`;
}
