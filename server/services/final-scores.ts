/** A score, or null for an outcome that is a gate status or not there. */
export function scoreOf(outcome: { score: number } | { status: string } | null): number | null {
  return outcome !== null && 'score' in outcome ? outcome.score : null;
}
