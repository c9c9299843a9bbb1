import type { AgreedBasis, AgreedResult } from '../../../assessments/rating/agreed-result.ts';
import { listInWords } from '../../../assessments/report-model/words.ts';

/** An assessment's headline rating as a list shows it, or why there is none. */
export interface IndicativeRating {
  /** "Good", or a reason there is no rating ("No evidence yet"). */
  label: string;
  percentage: number | null;
  provisional: boolean;
  /** What the final scores rest on, in words ("2 moderated by the panel and 8 from the assessor"), or null when there are none. */
  basis: string | null;
}

const basisWords: Readonly<Record<Exclude<AgreedBasis, 'not-assessed'>, string>> = { moderated: 'moderated by the panel', assessor: 'from the assessor', peer: 'from the peer review', self: 'from the self-assessment' };

/** The headline rating when the assessment's pinned pack is not loaded on this server. */
export const notAvailable: IndicativeRating = { label: 'Not available: its rule pack is not loaded here', percentage: null, provisional: false, basis: null };

/** An agreed result's rating as a list shows it. */
export function ratingInWords({ rating, criteria }: AgreedResult): IndicativeRating {
  const counts = (Object.keys(basisWords) as Array<keyof typeof basisWords>).flatMap((basis) => {
    const count = criteria.filter((criterion) => criterion.basis === basis).length;
    return count === 0 ? [] : [`${count} ${basisWords[basis]}`];
  });
  if (counts.length === 0) return { label: 'No evidence yet', percentage: null, provisional: false, basis: null };
  return { label: rating.final?.label ?? 'Not rated: no criterion assessed', percentage: rating.percentage, provisional: rating.provisional, basis: listInWords(counts) };
}
