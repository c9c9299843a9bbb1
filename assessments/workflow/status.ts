import type { Perspective } from '../evidence/perspective-evidence.ts';

/** An assessment's status, in the order it moves (¶3.26: self-assessment feeds peer review). */
export const statuses = ['draft', 'submitted', 'in-review', 'moderated', 'published'] as const;
export type AssessmentStatus = (typeof statuses)[number];

/** The status an assessment may move to next, or null at the end. Moves are forward only. */
export function nextStatus(status: AssessmentStatus): AssessmentStatus | null {
  return statuses[statuses.indexOf(status) + 1] ?? null;
}

/**
 * When each perspective's evidence and judgements may change: the ICS team's while it drafts its
 * self-assessment; peer reviewers' and assessors' once it is submitted and while it is in review.
 */
export function perspectiveIsOpen(status: AssessmentStatus, perspective: Perspective): boolean {
  return perspective === 'self' ? status === 'draft' : status === 'submitted' || status === 'in-review';
}

/** The panel moderates while the assessment is in review. */
export function moderationIsOpen(status: AssessmentStatus): boolean {
  return status === 'in-review';
}

/**
 * The system's ambitions and its consent to share change in any status but published: publication
 * freezes everything the published report shows (evidence, judgements and moderation are closed
 * by then too).
 */
export function ambitionsAreOpen(status: AssessmentStatus): boolean {
  return status !== 'published';
}
