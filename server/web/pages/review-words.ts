import type { BlindPerspective, BlindReview } from '../../../assessments/workflow/blind-review.ts';

const reviewNames: Record<BlindPerspective, string> = { peer: 'peer review', assessor: 'assessor’s review' };

/** Where a blind review stands, in one sentence for the pages. */
export function reviewInWords(review: BlindReview): string {
  const submitted = review.submitted.map((entry) => `the ${reviewNames[entry.perspective]} was submitted by ${entry.by.name} on ${day(entry.at)}`);
  if (review.revealed !== null) {
    return review.revealed.reason === null
      ? `The scores were revealed on ${day(review.revealed.at)}, when both reviews were submitted.`
      : `${review.revealed.by.name} revealed the scores on ${day(review.revealed.at)} before both reviews were submitted, because: ${review.revealed.reason}`;
  }
  if (!review.blind) return 'The reviews are not blind at this stage.';
  return `The reviews are blind: peer reviewers and assessors do not see each other's scores until both reviews are submitted, and moderation opens then. ${submitted.length === 0 ? 'Neither review has been submitted yet.' : `So far ${submitted.join('; ')}.`}`;
}

function day(at: Date): string {
  return at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
}
