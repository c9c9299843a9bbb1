/**
 * Rounds to the nearest whole number with halves going up (62.5 → 63), tolerating the binary
 * noise of a computed percentage (62.49999999 from 100 × 5 / 8 is still a half).
 */
export function roundHalfUp(value: number): number {
  return Math.floor(value + 0.5 + 1e-9);
}
