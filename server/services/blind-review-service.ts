import { maySeePerspective } from '../../assessments/access/policy.ts';
import type { Principal } from '../../assessments/access/roles.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../assessments/errors.ts';
import type { Perspective } from '../../assessments/evidence/perspective-evidence.ts';
import { blindReviewOf, isBlindPerspective, type BlindPerspective, type BlindReview } from '../../assessments/workflow/blind-review.ts';
import { perspectiveIsOpen } from '../../assessments/workflow/status.ts';
import type { AssessmentRecords, StoredRecord } from '../persistence/assessment-records.ts';
import { actorOf } from './actor.ts';
import type { AssessmentService, AssessmentView } from './assessment-service.ts';
import type { Clock } from './clock.ts';

/** What an early reveal records: the assessor's reason for closing the blind phase before both reviews were in. */
export interface RevealContent {
  reason: string;
}

/** Where the blind review of an assessment stands, from its records (submissions and an early reveal). */
export function blindReviewIn(assessment: AssessmentView, records: readonly StoredRecord[]): BlindReview {
  const submitted = records
    .filter((record) => record.kind === 'perspective-submitted' && record.perspective !== null && isBlindPerspective(record.perspective))
    .map((record) => ({ perspective: record.perspective as BlindPerspective, by: { userId: record.by.userId, name: record.by.name }, at: record.at }));
  const early = records.find((record): record is StoredRecord<RevealContent> => record.kind === 'reveal');
  return blindReviewOf(assessment.status, submitted, early === undefined ? null : { by: { userId: early.by.userId, name: early.by.name }, at: early.at, reason: early.content.reason });
}

/**
 * The records a person may see: while the review is blind, the other reviewer's evidence (with the
 * scores the rules proposed) and judgements are left out. Submissions and reveals carry no scores
 * and stay, so the state of the review can still be read from what is returned.
 */
export function visibleRecords(principal: Principal, assessment: AssessmentView, records: StoredRecord[]): StoredRecord[] {
  if (!blindReviewIn(assessment, records).blind) return records;
  return records.filter((record) => record.perspective === null || (record.kind !== 'evidence' && record.kind !== 'judgement') || maySeePerspective(principal, record.perspective, true));
}

/** Refuses (403) a person asking for a perspective hidden from them while the review is blind. */
export function requireVisible(principal: Principal, review: BlindReview, perspective: Perspective): void {
  if (!maySeePerspective(principal, perspective, review.blind)) {
    throw new ForbiddenError(`The ${perspective} perspective is hidden from you until both reviews are submitted or an assessor reveals the scores`);
  }
}

/** Refuses (409) a change to a blind review that is submitted, or to either once the scores are revealed: the agreement is computed on the blind scores. */
export function requireReviewOpen(review: BlindReview, perspective: BlindPerspective): void {
  if (review.revealed !== null) throw new ConflictError(`The scores have been revealed: the ${perspective} perspective can no longer change`);
  if (review.submitted.some((entry) => entry.perspective === perspective)) throw new ConflictError(`The ${perspective} review has been submitted and can no longer change`);
}

/**
 * Blind, then reveal: each reviewer (peer and assessor) submits their review; when both have, or
 * when an assessor closes the blind phase early with a reason, the scores are revealed together
 * and moderation opens.
 */
export class BlindReviewService {
  constructor(
    private readonly assessments: AssessmentService,
    private readonly records: AssessmentRecords,
    private readonly clock: Clock,
  ) {}

  async review(id: string, principal: Principal): Promise<BlindReview> {
    const { assessment, records } = await this.assessments.snapshot(id, principal);
    return blindReviewIn(assessment, records);
  }

  /** Submits a peer or assessor review: it can no longer change, and once both are in the scores are revealed. */
  async submit(id: string, perspective: Perspective, principal: Principal): Promise<BlindReview> {
    const assessment = await this.assessments.authorised(id, principal, { kind: 'write-perspective', perspective });
    if (!isBlindPerspective(perspective)) throw new ValidationError('Only reviews are submitted here', [{ path: 'perspective', message: 'The self-assessment is submitted by moving the assessment to submitted' }]);
    if (!perspectiveIsOpen(assessment.status, perspective)) throw new ConflictError(`The assessment is ${assessment.status}: reviews are submitted once it is submitted and while it is in review`);
    const { records } = await this.assessments.snapshot(id, principal);
    requireReviewOpen(blindReviewIn(assessment, records), perspective);
    await this.records.append({ assessmentId: id, kind: 'perspective-submitted', perspective, criterion: null }, 0, {}, actorOf(principal), this.clock.now());
    return this.review(id, principal);
  }

  /** An assessor closes the blind phase before both reviews are in, with a reason that is kept. */
  async reveal(id: string, reason: string, principal: Principal): Promise<BlindReview> {
    const assessment = await this.assessments.authorised(id, principal, { kind: 'moderate' });
    const trimmed = reason.trim();
    if (trimmed.length < 20) throw new ValidationError('The reveal is not valid', [{ path: 'reason', message: 'Explain in at least 20 characters why the scores are revealed before both reviews are submitted' }]);
    const { records } = await this.assessments.snapshot(id, principal);
    const review = blindReviewIn(assessment, records);
    if (!review.blind) throw new ConflictError(review.revealed === null ? `The assessment is ${assessment.status}: scores are revealed while it is submitted or in review` : 'The scores have already been revealed');
    await this.records.append<RevealContent>({ assessmentId: id, kind: 'reveal', perspective: null, criterion: null }, 0, { reason: trimmed }, actorOf(principal), this.clock.now());
    return this.review(id, principal);
  }
}
