import type { PerspectiveResult } from '../../assessments/scoring/score-perspective.ts';
import type { RulePack } from '../../assessments/rule-pack/rule-pack.ts';
import { describeComparison, reasonOf } from '../../assessments/scoring/describe-finding.ts';

const perspectiveNames = { self: 'Self-assessment', peer: 'Peer review', assessor: 'Assessor' } as const;

/** The result of scoring as text for a terminal: rating and reasons first, then each criterion's findings. */
export function formatResultAsText(result: PerspectiveResult, pack: RulePack): string {
  const { rating } = result;
  const lines: string[] = [];
  lines.push(`${result.system} · ${result.period} · ${perspectiveNames[result.perspective]} · rule pack ${result.pack.id} ${result.pack.version} (${result.pack.hash.slice(0, 19)}…)`);
  if (rating.calibrationLabel !== null) lines.push(rating.calibrationLabel);
  lines.push('');
  if (rating.final === null || rating.band === null) {
    lines.push('Rating: none — no scored criterion was assessed');
  } else {
    lines.push(`Rating: ${rating.final.label}${rating.provisional ? ' (provisional)' : ''}`);
    lines.push(`Score: ${rating.totalScore} of ${rating.maximumScore} = ${rating.percentage}% — ${rating.band.label} band (${rating.band.minPercent}–${rating.band.maxPercent}%), ${rating.bandPosition} half`);
  }
  for (const limiter of rating.limiters) {
    const criteria = limiter.criteria.length > 0 ? ` [${limiter.criteria.join(', ')}]` : '';
    lines.push(`Capped at ${limiter.capLabel}: ${limiter.reason}${criteria} (${limiter.source})`);
  }
  for (const reason of rating.provisionalReasons) lines.push(`Provisional: ${reason}`);
  lines.push(`Financial management gate: ${rating.gate ?? 'not in this pack'}`);
  lines.push('', 'Criteria:');
  for (const criterion of result.criteria) {
    const outcome = criterion.judgement.outcome;
    const shown = outcome === null ? 'not assessed' : 'score' in outcome ? `${outcome.score}` : outcome.status;
    const judged =
      criterion.judgement.decision !== 'overridden'
        ? ''
        : criterion.assessed
          ? ` (overridden from ${proposedText(criterion.proposed)}: ${criterion.judgement.rationale})`
          : ` (judgement alone: no evidence the rules could assess; ${criterion.judgement.rationale})`;
    lines.push(`  ${criterion.criterion}: ${shown}${judged}`);
    if (criterion.decidedBy !== null) lines.push(`    ${reasonOf(criterion, pack.criteria.find((entry) => entry.id === criterion.criterion))} [rule ${criterion.decidedBy.rule}, ${criterion.decidedBy.citation}]`);
    for (const missing of criterion.missing) lines.push(`    missing: ${missing.indicator} — ${missing.label}`);
    for (const finding of criterion.findings) {
      lines.push(`    ${finding.met ? '✓' : '✗'} ${finding.label}: ${describeComparison(finding)} — ${finding.meaning} [${finding.citation}]`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function proposedText(proposed: PerspectiveResult['criteria'][number]['proposed']): string {
  if (proposed === null) return 'not assessed';
  return 'score' in proposed ? String(proposed.score) : proposed.status;
}
