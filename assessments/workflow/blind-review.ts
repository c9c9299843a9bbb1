import type { Perspective } from '../evidence/perspective-evidence.ts';
import type { AssessmentStatus } from './status.ts';

/** The two reviews that are written blind (¶3.26, ¶3.54): neither sees the other's scores until both are in. */
export const blindPerspectives = ['peer', 'assessor'] as const satisfies readonly Perspective[];
export type BlindPerspective = (typeof blindPerspectives)[number];

export interface Person {
  userId: string;
  name: string;
}

/** When the scores were revealed, and by whom: the later of the two submissions, or an assessor closing the blind phase early with a reason. */
export interface Reveal {
  by: Person;
  at: Date;
  /** Null when both reviews were submitted; the assessor's reason when the blind phase was closed early. */
  reason: string | null;
}

/** Where the blind review of an assessment stands. */
export interface BlindReview {
  /** Each review submitted so far, with who submitted it and when. */
  submitted: Array<{ perspective: BlindPerspective; by: Person; at: Date }>;
  revealed: Reveal | null;
  /**
   * Whether the reviews are still blind: while the peer and assessor perspectives are open (the
   * assessment is submitted or in review) and their scores are not yet revealed. Once moderated
   * or published the scores are out whatever happened.
   */
  blind: boolean;
}

/** Where a blind review stands, from the assessment's status, its submissions and an early reveal (if any). */
export function blindReviewOf(status: AssessmentStatus, submitted: BlindReview['submitted'], closedEarly: Reveal | null): BlindReview {
  const both = blindPerspectives.every((perspective) => submitted.some((entry) => entry.perspective === perspective));
  const lastSubmission = [...submitted].sort((a, b) => a.at.getTime() - b.at.getTime()).at(-1);
  const revealed = closedEarly ?? (both && lastSubmission !== undefined ? { by: lastSubmission.by, at: lastSubmission.at, reason: null } : null);
  return { submitted, revealed, blind: (status === 'submitted' || status === 'in-review') && revealed === null };
}

export function isBlindPerspective(perspective: Perspective): perspective is BlindPerspective {
  return (blindPerspectives as readonly Perspective[]).includes(perspective);
}
