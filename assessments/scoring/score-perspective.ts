import type { PerspectiveEvidence, Perspective } from '../evidence/perspective-evidence.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { rate } from '../rating/rate.ts';
import type { RatingResult } from '../rating/rating-result.ts';
import { identityOf, type PackIdentity, type RulePack } from '../rule-pack/rule-pack.ts';
import type { CriterionProposal, Outcome } from './criterion-result.ts';
import type { Judgement } from './judgement.ts';
import { scoreCriterion } from './score-criterion.ts';

/** A criterion's proposal with the person's judgement of it; the rating uses the judged outcome. */
export interface JudgedCriterion extends CriterionProposal {
  judgement: {
    /** `proposed`: nobody has judged it yet, so the proposal stands. */
    decision: 'proposed' | 'accepted' | 'overridden';
    outcome: Outcome | null;
    rationale: string | null;
  };
}

/** Everything scoring one perspective produces, with the pack it was produced under. */
export interface PerspectiveResult {
  pack: PackIdentity;
  system: string;
  period: string;
  perspective: Perspective;
  criteria: JudgedCriterion[];
  rating: RatingResult;
}

/**
 * Scores one perspective's evidence with a pack: proposes an outcome per criterion, applies the
 * person's judgements, and rates the judged scores. The same evidence, judgements and pack give a
 * byte-identical result (no clocks, no randomness, fixed ordering).
 */
export async function scorePerspective(pack: RulePack, evidence: PerspectiveEvidence, judgements: Readonly<Record<string, Judgement>> = {}): Promise<PerspectiveResult> {
  checkJudgements(pack, judgements);
  const proposals = await Promise.all(pack.criteria.map((criterion) => scoreCriterion(criterion, evidence.criteria[criterion.id]?.indicators)));
  const criteria = proposals.map((proposal) => judge(proposal, judgements[proposal.criterion]));

  const scored = criteria.filter((criterion) => criterion.kind === 'scored');
  const gate = criteria.find((criterion) => criterion.kind === 'gate');
  const gateOutcome = gate === undefined ? null : gate.judgement.outcome;
  const rating = await rate(
    pack.manifest,
    scored.map((criterion) => ({ criterion: criterion.criterion, score: criterion.judgement.outcome !== null && 'score' in criterion.judgement.outcome ? criterion.judgement.outcome.score : null })),
    gate === undefined ? null : gateOutcome !== null && 'status' in gateOutcome ? gateOutcome.status : 'not-assessed',
  );
  return { pack: identityOf(pack), system: evidence.system, period: evidence.period, perspective: evidence.perspective, criteria, rating };
}

function judge(proposal: CriterionProposal, judgement: Judgement | undefined): JudgedCriterion {
  if (judgement === undefined) return { ...proposal, judgement: { decision: 'proposed', outcome: proposal.proposed, rationale: null } };
  if (judgement.decision === 'accept') return { ...proposal, judgement: { decision: 'accepted', outcome: proposal.proposed, rationale: judgement.rationale ?? null } };
  const outcome: Outcome = judgement.decision === 'override' ? { score: judgement.score } : { status: judgement.status };
  return { ...proposal, judgement: { decision: 'overridden', outcome, rationale: judgement.rationale } };
}

/** A judgement must name a criterion of the pack and fit its kind (a score for scored criteria, a status for the gate). */
function checkJudgements(pack: RulePack, judgements: Readonly<Record<string, Judgement>>): void {
  const issues: FieldIssue[] = [];
  for (const [id, judgement] of Object.entries(judgements)) {
    const criterion = pack.criteria.find((candidate) => candidate.id === id);
    const path = `judgements.${id}`;
    if (criterion === undefined) issues.push({ path, message: `"${id}" is not a criterion of the pack ${pack.id} ${pack.version}` });
    else if (criterion.kind === 'scored' && judgement.decision === 'override-gate') issues.push({ path: `${path}.decision`, message: `${id} is scored 1–4: override it with a score, {"decision": "override", "score": 1–4, "rationale": "…"}` });
    else if (criterion.kind === 'gate' && judgement.decision === 'override') issues.push({ path: `${path}.decision`, message: `${id} is a gate: override it with a status, {"decision": "override-gate", "status": "well-managed" | "not-well-managed" | "severe", "rationale": "…"}` });
  }
  if (issues.length > 0) throw new ValidationError('The judgements do not fit the rule pack', issues);
}
