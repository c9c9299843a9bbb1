import { finalCriterion, type AgreedResult } from '../rating/agreed-result.ts';
import type { RulePack } from '../rule-pack/rule-pack.ts';
import { reasonOf } from '../scoring/describe-finding.ts';
import type { JudgedCriterion } from '../scoring/score-perspective.ts';
import { bandChart } from './band-chart.ts';
import { checksHoldingBack, meaningInWords, strengthFinding } from './decisive-finding.ts';
import type { ReportPerspective } from './report-input.ts';
import type { ExecutiveSummary, NotedCriterion } from './report-model.ts';
import { anchorOf, gateStatusNames, listInWords, outcomeText } from './words.ts';

/**
 * The executive summary but for the path to the next rating, all from the agreed result (the final
 * outcome of each criterion: moderated, else the assessor's, peer review's or self-assessment's):
 * the rating, its percentage and band position, every cap that applied and why, what each final
 * score rests on, strengths (criteria at 3–4 with the finding that decided them), areas for
 * improvement (criteria at 1–2 and a gate that is not well managed, with what holds each back) and
 * the criteria not assessed.
 */
export function summaryOf(perspectives: readonly ReportPerspective[], agreed: AgreedResult, pack: RulePack): Omit<ExecutiveSummary, 'path'> {
  if (perspectives.length === 0 && agreed.criteria.every((criterion) => criterion.outcome === null)) {
    return { basis: 'No perspective has evidence yet, so there is no rating to report.', rating: null, limiters: [], provisionalReasons: [], gate: 'Financial management gate: not assessed', restsOn: [], strengths: [], improvements: [], notAssessed: [] };
  }
  const { rating } = agreed;
  const titleOf = (id: string) => pack.criteria.find((criterion) => criterion.id === id)?.title ?? id;
  const packCriterionOf = (id: string) => pack.criteria.find((criterion) => criterion.id === id);
  const criteria = finalCriteria(perspectives, agreed);
  const moderatedCount = agreed.criteria.filter((criterion) => criterion.basis === 'moderated').length;
  const scoreOf = (criterion: JudgedCriterion) => (criterion.judgement.outcome !== null && 'score' in criterion.judgement.outcome ? criterion.judgement.outcome.score : null);

  return {
    basis: `The rating rests on each criterion's final score: the panel's moderated score where it agreed one (${moderatedCount} of ${agreed.criteria.length}), otherwise the assessor's judgement, else the peer review's, else the self-assessment's. The table "What this rating rests on" gives each.`,
    rating:
      rating.final === null || rating.band === null || rating.percentage === null
        ? { label: 'Not rated', id: 'none', provisional: rating.provisional, score: 'No scored criterion was assessed', band: 'No band', chart: null, roundingNote: rating.roundingNote }
        : {
            label: rating.final.label,
            id: rating.final.id,
            provisional: rating.provisional,
            score: `${rating.totalScore} of ${rating.maximumScore} points = ${rating.percentage}%`,
            band: `${rating.band.label} band (${rating.band.minPercent}–${rating.band.maxPercent}%), ${rating.bandPosition} half${rating.final.id === rating.band.id ? '' : `, capped at ${rating.final.label}`}`,
            chart: bandChart('band-chart', pack.manifest, rating.percentage),
            roundingNote: rating.roundingNote,
          },
    limiters: rating.limiters.map((limiter) => ({
      cap: `Capped at ${limiter.capLabel}`,
      reason: limiter.reason,
      source: limiter.source,
      criteria: limiter.criteria.length === 0 ? null : listInWords(limiter.criteria.map(titleOf)),
    })),
    provisionalReasons: rating.provisionalReasons,
    gate: `Financial management gate: ${rating.gate === null ? 'not in this rule pack' : rating.gate === 'not-assessed' ? 'not assessed' : gateStatusNames[rating.gate].toLowerCase()}`,
    restsOn: agreed.criteria.map((criterion) => ({ anchor: anchorOf(criterion.criterion), title: criterion.title, outcome: outcomeText(criterion.outcome, pack.manifest), basis: criterion.basisText })),
    strengths: criteria.filter((criterion) => (scoreOf(criterion) ?? 0) >= 3).map((criterion) => {
      const finding = strengthFinding(criterion);
      return noted(criterion, pack, finding === null ? reasonOf(criterion, packCriterionOf(criterion.criterion)) : meaningInWords(finding), finding?.citation ?? criterion.decidedBy?.citation ?? null);
    }),
    improvements: criteria
      .filter((criterion) => {
        const score = scoreOf(criterion);
        const outcome = criterion.judgement.outcome;
        return (score !== null && score <= 2) || (outcome !== null && 'status' in outcome && outcome.status !== 'well-managed');
      })
      .map((criterion) => {
        const packCriterion = pack.criteria.find((entry) => entry.id === criterion.criterion);
        const holding = packCriterion === undefined ? null : checksHoldingBack(packCriterion, criterion);
        const first = holding?.checks[0];
        if (holding === null || first === undefined) return noted(criterion, pack, reasonOf(criterion, packCriterion), criterion.decidedBy?.citation ?? null);
        const more = holding.checks.length - 1;
        const next = 'score' in holding.target ? `a score of ${holding.target.score}` : gateStatusNames[holding.target.status].toLowerCase();
        return noted(criterion, pack, `For ${next}: ${meaningInWords(first, 'now ')}${more > 0 ? ` And ${more} more ${more === 1 ? 'check' : 'checks'}.` : ''}`, first.citation);
      }),
    notAssessed: criteria
      .filter((criterion) => criterion.judgement.outcome === null)
      .map((criterion) => noted(criterion, pack, `Missing: ${listInWords(criterion.missing.map((missing) => missing.label))}`, null)),
  };
}

/** Each criterion with its final outcome in place of a perspective's, and the findings behind it. */
export function finalCriteria(perspectives: readonly ReportPerspective[], agreed: AgreedResult): JudgedCriterion[] {
  const results = perspectives.map((entry) => entry.result);
  return agreed.criteria.flatMap((criterion) => {
    const judged = finalCriterion(criterion, results);
    return judged === null ? [] : [judged];
  });
}

function noted(criterion: JudgedCriterion, pack: RulePack, finding: string | null, citation: string | null): NotedCriterion {
  const { judgement } = criterion;
  return {
    anchor: anchorOf(criterion.criterion),
    title: criterion.title,
    outcome: outcomeText(judgement.outcome, pack.manifest),
    finding,
    citation,
    judgement: judgement.decision === 'overridden' ? `Proposed ${outcomeText(criterion.proposed, pack.manifest)}; overridden: ${judgement.rationale ?? ''}` : null,
  };
}
