import type { JudgedCriterion } from '../../../assessments/scoring/score-perspective.ts';

/** Where a criterion stands in one perspective's task list, with the tag colour it shows in. */
export interface TaskStatus {
  text: 'Not started' | 'In progress' | 'Not assessed' | 'Completed';
  /** An NHS.UK tag modifier. */
  colour: 'grey' | 'blue' | 'orange' | 'green';
}

/**
 * A criterion's task status: not started (no evidence, no judgement), completed (a judgement that
 * still applies to the evidence), not assessed (evidence saved, but not what the rules need),
 * otherwise in progress (a proposal waiting for someone's judgement).
 */
export function taskStatus(criterion: JudgedCriterion, hasEvidence: boolean): TaskStatus {
  if (criterion.judgement.decision !== 'proposed') return { text: 'Completed', colour: 'green' };
  if (!hasEvidence) return { text: 'Not started', colour: 'grey' };
  return criterion.assessed ? { text: 'In progress', colour: 'blue' } : { text: 'Not assessed', colour: 'orange' };
}
