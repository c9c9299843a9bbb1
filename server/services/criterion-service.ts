import type { Principal } from '../../assessments/access/roles.ts';
import { ConflictError, NotFoundError, ValidationError, issuesOf } from '../../assessments/errors.ts';
import type { Perspective } from '../../assessments/evidence/perspective-evidence.ts';
import type { PackCriterion } from '../../assessments/rule-pack/rule-pack.ts';
import type { CriterionProposal, Outcome } from '../../assessments/scoring/criterion-result.ts';
import { judgement as judgementSchema, type Judgement } from '../../assessments/scoring/judgement.ts';
import { scoreCriterion } from '../../assessments/scoring/score-criterion.ts';
import { isBlindPerspective } from '../../assessments/workflow/blind-review.ts';
import { moderationIsOpen, perspectiveIsOpen, type AssessmentStatus } from '../../assessments/workflow/status.ts';
import { latestIn, statusIn } from '../persistence/assessment-state.ts';
import type { AssessmentRecords, StoredRecord } from '../persistence/assessment-records.ts';
import { actorOf } from './actor.ts';
import { auditTrail, type AuditEntry } from './audit-log.ts';
import { blindReviewIn, requireReviewOpen, requireVisible, visibleRecords } from './blind-review-service.ts';
import type { AssessmentService, AssessmentSnapshot, AssessmentView } from './assessment-service.ts';
import type { Clock } from './clock.ts';
import type { GoodPracticeIndex } from './good-practice-index.ts';
import type { PackRegistry } from './pack-registry.ts';
import { scoreSnapshot, type ScoredPerspective } from './score-snapshot.ts';

/** What an evidence record holds: the evidence as given, and what the pinned pack proposed for it. */
export interface EvidenceContent {
  evidence: { indicators: object; narrative?: { value: string; source: string; asAt: string } };
  proposal: Pick<CriterionProposal, 'assessed' | 'proposed' | 'decidedBy' | 'findings' | 'missing'>;
}

/** What a judgement record holds: the decision, and the evidence version and proposal it judged. */
export interface JudgementContent {
  judgement: Judgement;
  evidenceVersion: number;
  proposed: Outcome | null;
}

export interface ModerationContent {
  outcome: Outcome;
  rationale: string;
}

/** A panel member's disagreement with a criterion's moderated score (the record's `by`), and the moderation version it disagrees with. */
export interface DissentContent {
  rationale: string;
  moderationVersion: number;
}

/** One criterion of one perspective as it stands, for a form or the API. */
export interface CriterionState {
  criterion: string;
  perspective: Perspective;
  evidence: StoredRecord<EvidenceContent> | null;
  judgement: (StoredRecord<JudgementContent> & { stale: boolean }) | null;
  moderation: StoredRecord<ModerationContent> | null;
}

/** Evidence, judgements and moderation per criterion, and scoring a perspective with the pinned pack. */
export class CriterionService {
  constructor(
    private readonly assessments: AssessmentService,
    private readonly records: AssessmentRecords,
    private readonly packs: PackRegistry,
    private readonly clock: Clock,
    private readonly goodPractice: GoodPracticeIndex,
  ) {}

  async state(assessmentId: string, perspective: Perspective, criterion: string, principal: Principal): Promise<CriterionState> {
    const { assessment, records } = await this.assessments.snapshot(assessmentId, principal);
    this.criterionOf(assessment, criterion);
    requireVisible(principal, blindReviewIn(assessment, records), perspective);
    const [evidence, judgement, moderation] = await Promise.all([
      this.records.latest<EvidenceContent>({ assessmentId, kind: 'evidence', perspective, criterion }),
      this.records.latest<JudgementContent>({ assessmentId, kind: 'judgement', perspective, criterion }),
      this.records.latest<ModerationContent>({ assessmentId, kind: 'moderation', perspective: null, criterion }),
    ]);
    const evidenceVersion = evidence?.version ?? 0;
    return { criterion, perspective, evidence, judgement: judgement === null ? null : { ...judgement, stale: judgement.content.evidenceVersion !== evidenceVersion }, moderation };
  }

  async history(assessmentId: string, perspective: Perspective, criterion: string, kind: 'evidence' | 'judgement', principal: Principal) {
    const { assessment, records } = await this.assessments.snapshot(assessmentId, principal);
    this.criterionOf(assessment, criterion);
    requireVisible(principal, blindReviewIn(assessment, records), perspective);
    return this.records.versions({ assessmentId, kind, perspective, criterion });
  }

  /** Saves a new version of one perspective's evidence for a criterion, with what the rules propose for it. */
  async saveEvidence(assessmentId: string, perspective: Perspective, criterion: string, basedOnVersion: number, input: unknown, principal: Principal): Promise<StoredRecord<EvidenceContent>> {
    const assessment = await this.assessments.authorised(assessmentId, principal, { kind: 'write-perspective', perspective });
    const packCriterion = this.criterionOf(assessment, criterion);
    await this.requireOpen(assessment, perspective, principal);
    const parsed = packCriterion.evidence.schema.safeParse(input);
    if (!parsed.success) throw new ValidationError(`The ${criterion} evidence is not valid`, issuesOf(parsed.error).map((issue) => ({ ...issue, path: issue.path === '' ? 'evidence' : `evidence.${issue.path}` })));
    const evidence = parsed.data as EvidenceContent['evidence'];
    const { assessed, proposed, decidedBy, findings, missing } = await scoreCriterion(packCriterion, evidence.indicators);
    const saved = await this.records.append<EvidenceContent>({ assessmentId, kind: 'evidence', perspective, criterion }, basedOnVersion, { evidence, proposal: { assessed, proposed, decidedBy, findings, missing } }, actorOf(principal), this.clock.now(), (current) =>
      requireStatusOpen(statusIn(current.state), perspective),
    );
    await this.goodPractice.refresh(assessmentId);
    return saved;
  }

  /** Records a person's judgement of the current proposal (accept, or override with a rationale). */
  async saveJudgement(assessmentId: string, perspective: Perspective, criterion: string, basedOnVersion: number, input: unknown, principal: Principal): Promise<StoredRecord<JudgementContent>> {
    const assessment = await this.assessments.authorised(assessmentId, principal, { kind: 'write-perspective', perspective });
    const packCriterion = this.criterionOf(assessment, criterion);
    await this.requireOpen(assessment, perspective, principal);
    const parsed = judgementSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError('The judgement is not valid', issuesOf(parsed.error).map((issue) => ({ ...issue, path: issue.path === '' ? 'judgement' : `judgement.${issue.path}` })));
    const judgement = parsed.data;
    if (packCriterion.kind === 'scored' && judgement.decision === 'override-gate') throw new ValidationError('The judgement does not fit the criterion', [{ path: 'judgement.decision', message: `${criterion} is scored 1–4: override it with a score` }]);
    if (packCriterion.kind === 'gate' && judgement.decision === 'override') throw new ValidationError('The judgement does not fit the criterion', [{ path: 'judgement.decision', message: `${criterion} is a gate: override it with a status` }]);
    const evidence = await this.records.latest<EvidenceContent>({ assessmentId, kind: 'evidence', perspective, criterion });
    if (judgement.decision === 'accept' && (evidence === null || !evidence.content.proposal.assessed)) {
      throw new ValidationError('There is no proposed score to accept', [{ path: 'judgement.decision', message: 'The criterion is not assessed yet: add the missing evidence, or override with a score and a rationale' }]);
    }
    const content: JudgementContent = { judgement, evidenceVersion: evidence?.version ?? 0, proposed: evidence?.content.proposal.proposed ?? null };
    const saved = await this.records.append({ assessmentId, kind: 'judgement', perspective, criterion }, basedOnVersion, content, actorOf(principal), this.clock.now(), (current) => {
      requireStatusOpen(statusIn(current.state), perspective);
      // The judgement is of the evidence as it stands when it is written.
      if ((latestIn(current.state, { kind: 'evidence', perspective, criterion })?.version ?? 0) !== content.evidenceVersion) throw staleEvidence(criterion);
    });
    await this.goodPractice.refresh(assessmentId);
    return saved;
  }

  /** Records the panel's moderated score for a criterion (¶3.125), with its rationale. */
  async saveModeration(assessmentId: string, criterion: string, basedOnVersion: number, input: { outcome: Outcome; rationale: string }, principal: Principal): Promise<StoredRecord<ModerationContent>> {
    const assessment = await this.assessments.authorised(assessmentId, principal, { kind: 'moderate' });
    const packCriterion = this.criterionOf(assessment, criterion);
    const requireModerationOpen = (status: AssessmentStatus) => {
      if (!moderationIsOpen(status)) throw new ConflictError(`The assessment is ${status}: scores are moderated while it is in review`);
    };
    requireModerationOpen(assessment.status);
    if (blindReviewIn(assessment, (await this.assessments.snapshot(assessmentId, principal)).records).revealed === null) throw new ConflictError('Moderation opens when the scores are revealed: once both reviews are submitted, or an assessor reveals them');
    if (input.rationale.trim().length < 20) throw new ValidationError('The moderation is not valid', [{ path: 'rationale', message: 'Explain the moderated score in at least 20 characters' }]);
    if (packCriterion.kind === 'scored' && !('score' in input.outcome)) throw new ValidationError('The moderated outcome does not fit the criterion', [{ path: 'outcome', message: `${criterion} is scored: give a score from 1 to 4` }]);
    if (packCriterion.kind === 'gate' && !('status' in input.outcome)) throw new ValidationError('The moderated outcome does not fit the criterion', [{ path: 'outcome', message: `${criterion} is a gate: give a status` }]);
    const saved = await this.records.append({ assessmentId, kind: 'moderation', perspective: null, criterion }, basedOnVersion, input, actorOf(principal), this.clock.now(), (current) => requireModerationOpen(statusIn(current.state)));
    await this.goodPractice.refresh(assessmentId);
    return saved;
  }

  /**
   * Records a panel member's disagreement with the moderated score of a criterion, with their
   * rationale: moderation keeps dissent rather than overruling it. Every dissent is a new version of
   * the criterion's dissent series, so none replaces another.
   */
  async saveDissent(assessmentId: string, criterion: string, rationale: string, principal: Principal): Promise<StoredRecord<DissentContent>> {
    const assessment = await this.assessments.authorised(assessmentId, principal, { kind: 'moderate' });
    this.criterionOf(assessment, criterion);
    if (!moderationIsOpen(assessment.status)) throw new ConflictError(`The assessment is ${assessment.status}: disagreement is recorded while it is in review`);
    const trimmed = rationale.trim();
    if (trimmed.length < 20 || trimmed.length > 5000) throw new ValidationError('The dissent is not valid', [{ path: 'rationale', message: trimmed.length < 20 ? 'Explain why you disagree in at least 20 characters' : 'Keep it to 5,000 characters or fewer' }]);
    const moderation = await this.records.latest<ModerationContent>({ assessmentId, kind: 'moderation', perspective: null, criterion });
    if (moderation === null) throw new ConflictError(`There is no moderated score for ${criterion} to disagree with yet`);
    const key = { assessmentId, kind: 'dissent' as const, perspective: null, criterion };
    const current = (await this.records.latest(key))?.version ?? 0;
    return this.records.append<DissentContent>(key, current, { rationale: trimmed, moderationVersion: moderation.version }, actorOf(principal), this.clock.now());
  }

  /** Every recorded dissent of an assessment, oldest first. */
  async dissents(assessmentId: string, principal: Principal): Promise<Array<StoredRecord<DissentContent>>> {
    await this.assessments.get(assessmentId, principal);
    return (await this.records.allOf(assessmentId)).filter((record): record is StoredRecord<DissentContent> => record.kind === 'dissent');
  }

  /**
   * Scores one perspective with the assessment's pinned pack (see scoreSnapshot), for whoever may see it.
   */
  async score(assessmentId: string, perspective: Perspective, principal: Principal): Promise<ScoredPerspective> {
    const snapshot = await this.assessments.snapshot(assessmentId, principal);
    requireVisible(principal, blindReviewIn(snapshot.assessment, snapshot.records), perspective);
    return this.scoreSnapshot(snapshot, perspective);
  }

  /** Scores one perspective of an assessment already read (and checked for sight) with its pinned pack. */
  async scoreSnapshot(snapshot: AssessmentSnapshot, perspective: Perspective): Promise<ScoredPerspective> {
    return scoreSnapshot(this.packs.get(snapshot.assessment.pack), snapshot, perspective, this.records);
  }

  /** The assessment's audit trail, read from its append-only history. */
  async audit(assessmentId: string, principal: Principal): Promise<AuditEntry[]> {
    const assessment = await this.assessments.get(assessmentId, principal);
    return auditTrail(assessment, visibleRecords(principal, assessment, await this.records.allOf(assessmentId)));
  }

  private criterionOf(assessment: AssessmentView, criterion: string): PackCriterion {
    const found = this.packs.get(assessment.pack).criteria.find((candidate) => candidate.id === criterion);
    if (found === undefined) throw new NotFoundError(`The rule pack ${assessment.pack.id} has no criterion ${criterion}`);
    return found;
  }

  /** The perspective may change: its status (checked again against the state a write extends), and for a blind review, not yet submitted or revealed. */
  private async requireOpen(assessment: AssessmentView, perspective: Perspective, principal: Principal): Promise<void> {
    requireStatusOpen(assessment.status, perspective);
    if (isBlindPerspective(perspective)) requireReviewOpen(blindReviewIn(assessment, (await this.assessments.snapshot(assessment.id, principal)).records), perspective);
  }
}

function requireStatusOpen(status: AssessmentStatus, perspective: Perspective): void {
  if (!perspectiveIsOpen(status, perspective)) {
    throw new ConflictError(`The assessment is ${status}: the ${perspective} perspective can ${perspective === 'self' ? 'only change while it is a draft' : 'only change once it is submitted and while it is in review'}`);
  }
}

function staleEvidence(criterion: string): ConflictError {
  return new ConflictError(`The evidence for ${criterion} changed while you were judging it. Reload to see the new proposal, then judge it again.`);
}
