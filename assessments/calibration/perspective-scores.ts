import type { Perspective } from '../evidence/perspective-evidence.ts';

/** A criterion's score as calibration sees it: 1–4, or not assessed (`null`, `'not-assessed'` or absent). */
export type ScoreEntry = number | null | 'not-assessed' | undefined;

/** One perspective's scores, criterion id → score. */
export type CriterionScores = Readonly<Record<string, ScoreEntry>>;

/** The scores of one assessment: perspective → criterion id → score. A perspective not recorded is absent. */
export type PerspectiveScores = Readonly<Partial<Record<Perspective, CriterionScores>>>;

/** The three pairs of perspectives, in the order the calibration table shows them. */
export const perspectivePairs: ReadonlyArray<readonly [Perspective, Perspective]> = [
  ['self', 'peer'],
  ['self', 'assessor'],
  ['peer', 'assessor'],
];

/** The perspectives in the order reports show them. */
export const perspectiveOrder: readonly Perspective[] = ['self', 'peer', 'assessor'];

/**
 * The score of an entry, or null when the criterion was not assessed. A number that is not a whole
 * score on the 4-point scale is a bug upstream, not a judgement, so it is refused loudly.
 */
export function scoreOf(entry: ScoreEntry, where = 'score'): number | null {
  if (entry === null || entry === undefined || entry === 'not-assessed') return null;
  if (!Number.isInteger(entry) || entry < 1 || entry > 4) throw new RangeError(`${where} must be a whole score from 1 to 4, or not assessed; got ${String(entry)}`);
  return entry;
}

/** The criteria of an assessment in a stable order: as listed in `order` first, then as first met (self, peer, assessor). */
export function criteriaOf(scores: PerspectiveScores, order: readonly string[] = []): string[] {
  return criteriaIn(perspectiveOrder.map((perspective) => scores[perspective]), order);
}

/** The criteria named by any of several maps keyed by criterion: as listed in `order` first, then as first met. */
export function criteriaIn(maps: ReadonlyArray<Readonly<Record<string, unknown>> | undefined>, order: readonly string[] = []): string[] {
  const result = [...new Set(order)];
  const seen = new Set<string>(result);
  for (const map of maps) {
    for (const criterion of Object.keys(map ?? {})) {
      if (!seen.has(criterion)) {
        seen.add(criterion);
        result.push(criterion);
      }
    }
  }
  return result;
}
