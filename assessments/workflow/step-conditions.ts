import { z } from 'zod';
import type { FieldIssue } from '../errors.ts';
import type { AssessmentStatus } from './status.ts';

/** A criterion the panel leaves unmoderated when it moves the assessment to moderated, and why. */
export const leftUnmoderated = z
  .array(z.strictObject({ criterion: z.string().regex(/^[a-z0-9-]{1,60}$/), reason: z.string().trim().min(20, 'Give the reason in at least 20 characters').max(2000) }))
  .max(100);
export type LeftUnmoderated = z.output<typeof leftUnmoderated>;

/** What the person moving an assessment declares with the step (the API's fields, the pages' form). */
export interface StepDeclarations {
  /** Submitting although some criteria have no self-assessment evidence. */
  acknowledgeEmptyCriteria?: boolean | undefined;
  /** Moving to moderated although these criteria are not moderated. */
  leftUnmoderated?: LeftUnmoderated | undefined;
}

/** What a step's preconditions look at: the pack's criteria, and which of them have evidence or a moderated score. */
export interface StepState {
  criteria: readonly string[];
  selfEvidence: ReadonlySet<string>;
  assessorEvidence: ReadonlySet<string>;
  moderated: ReadonlySet<string>;
}

/** The state of an assessment's records (the latest of each series, or any of them) for the step conditions. */
export function stepStateOf(criteria: readonly string[], records: ReadonlyArray<{ kind: string; perspective: string | null; criterion: string | null }>): StepState {
  const having = (kind: string, perspective: string | null) => new Set(records.filter((record) => record.kind === kind && record.perspective === perspective && record.criterion !== null).map((record) => record.criterion as string));
  return { criteria, selfEvidence: having('evidence', 'self'), assessorEvidence: having('evidence', 'assessor'), moderated: having('moderation', null) };
}

/** The criteria a perspective has no evidence for, in the pack's order. */
export function emptyCriteria(state: StepState): string[] {
  return state.criteria.filter((criterion) => !state.selfEvidence.has(criterion));
}

/** The criteria the panel has not moderated, in the pack's order. */
export function unmoderatedCriteria(state: StepState): string[] {
  return state.criteria.filter((criterion) => !state.moderated.has(criterion));
}

/**
 * What must be true before an assessment moves to a status, as the issues that stop it (none when
 * it may move). Submitting needs self-assessment evidence, and an acknowledgement when some
 * criteria have none; moving to moderated needs the assessor's evidence and every criterion
 * moderated or left with a reason (¶3.125). Starting the review and publishing need only the step
 * before, which the order of statuses already ensures.
 */
export function stepIssues(to: AssessmentStatus, state: StepState, declared: StepDeclarations): FieldIssue[] {
  const total = state.criteria.length;
  if (to === 'submitted') {
    if (state.selfEvidence.size === 0) return [{ path: 'to', message: 'The self-assessment has no evidence: add evidence for at least one criterion before submitting' }];
    const empty = emptyCriteria(state);
    if (empty.length > 0 && declared.acknowledgeEmptyCriteria !== true) {
      return [{ path: 'acknowledgeEmptyCriteria', message: `${empty.length} of ${total} criteria have no evidence in the self-assessment: ${empty.join(', ')}. Add it, or confirm that you submit without it` }];
    }
    return [];
  }
  if (to !== 'moderated') return [];
  const issues: FieldIssue[] = [];
  if (state.assessorEvidence.size === 0) issues.push({ path: 'to', message: 'The assessor perspective has no evidence: the assessors record theirs before the panel moderates' });
  const left = declared.leftUnmoderated ?? [];
  for (const [index, entry] of left.entries()) {
    if (!state.criteria.includes(entry.criterion)) issues.push({ path: `leftUnmoderated[${index}].criterion`, message: `"${entry.criterion}" is not a criterion of this assessment's rule pack` });
    else if (state.moderated.has(entry.criterion)) issues.push({ path: `leftUnmoderated[${index}].criterion`, message: `${entry.criterion} is moderated: only a criterion without a moderated score is left unmoderated` });
  }
  const unexplained = unmoderatedCriteria(state).filter((criterion) => !left.some((entry) => entry.criterion === criterion));
  if (unexplained.length > 0) issues.push({ path: 'leftUnmoderated', message: `${unexplained.length} of ${total} criteria are not moderated: ${unexplained.join(', ')}. Moderate them, or leave each with a reason` });
  return issues;
}

/** What a status record keeps of the declarations its step was made with (nothing when it needed none). */
export function declaredWith(to: AssessmentStatus, state: StepState, declared: StepDeclarations): { emptyCriteria?: string[]; leftUnmoderated?: LeftUnmoderated } {
  if (to === 'submitted') {
    const empty = emptyCriteria(state);
    return empty.length === 0 ? {} : { emptyCriteria: empty };
  }
  if (to === 'moderated' && (declared.leftUnmoderated ?? []).length > 0) return { leftUnmoderated: declared.leftUnmoderated ?? [] };
  return {};
}
