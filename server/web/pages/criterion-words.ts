import { indicatorLines } from '../../../assessments/report-model/indicator-lines.ts';
import { outcomeText } from '../../../assessments/report-model/words.ts';
import type { RulePack } from '../../../assessments/rule-pack/rule-pack.ts';
import { reasonOf } from '../../../assessments/scoring/describe-finding.ts';
import type { CriterionState, EvidenceContent, JudgementContent } from '../../services/criterion-service.ts';

/**
 * What the rules proposed for a criterion's saved evidence, in words: the outcome, the rule that
 * decided it (naming the checks that failed when it is the pack's default, describe-finding.ts), each indicator against its thresholds with what that means and the paragraph it
 * rests on (the report's own words, indicator-lines.ts), and any indicator still missing.
 */
export function proposalInWords(proposal: EvidenceContent['proposal'], pack: RulePack, criterion: string) {
  return {
    assessed: proposal.assessed,
    outcome: outcomeText(proposal.proposed, pack.manifest),
    decidedBy: proposal.decidedBy === null ? null : { summary: reasonOf(proposal, pack.criteria.find((entry) => entry.id === criterion)), citation: proposal.decidedBy.citation },
    findings: indicatorLines(proposal.findings),
    missing: proposal.missing.map((entry) => entry.label),
  };
}

/** A person's judgement of the proposal, in words, and whether the evidence changed after it (then it no longer applies). */
export function judgementInWords(judgement: NonNullable<CriterionState['judgement']>, pack: RulePack) {
  const decision = judgement.content.judgement;
  return {
    decision: decision.decision === 'accept' ? 'Accepted the proposed score' : 'Recorded a different score',
    outcome: outcomeText(outcomeOf(judgement.content), pack.manifest),
    rationale: decision.rationale ?? null,
    by: judgement.by.name,
    at: judgement.at,
    stale: judgement.stale,
  };
}

/** The outcome a judgement gives: the proposal it accepted, or the score or status it recorded. */
function outcomeOf(content: JudgementContent) {
  const decision = content.judgement;
  if (decision.decision === 'accept') return content.proposed;
  return decision.decision === 'override' ? { score: decision.score } : { status: decision.status };
}
