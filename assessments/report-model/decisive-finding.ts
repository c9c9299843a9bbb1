import { checksForNextScore, checksToMeet, type CheckToMeet } from '../calibration/checks-to-meet.ts';
import { gateLadder } from '../calibration/path-to-next-rating.ts';
import type { PackCriterion } from '../rule-pack/rule-pack.ts';
import type { Finding, Outcome } from '../scoring/criterion-result.ts';
import type { JudgedCriterion } from '../scoring/score-perspective.ts';
import { comparisonParts } from './indicator-lines.ts';

/**
 * A finding (or a check still to meet) as a board reads it: what it means, then the value against
 * the threshold, e.g. "Most recommendations were answered within 28 days (80%; needs ≥ 75%)." A
 * yes/no threshold adds nothing to the meaning, so it is left out.
 */
export function meaningInWords(item: Pick<Finding, 'meaning' | 'value' | 'unit' | 'comparison' | 'threshold'>, now = ''): string {
  const meaning = item.meaning.replace(/\.$/, '');
  if (typeof item.threshold === 'boolean') return `${meaning}.`;
  const { value, needs } = comparisonParts(item);
  return `${meaning} (${now}${value}; needs ${needs}).`;
}

/** A check still to meet in one line: its indicator, now and needed; for one that must stop holding, its value (its meaning says why). */
export function checkInWords(check: CheckToMeet): string {
  const { value, needs } = comparisonParts(check);
  return check.needs === 'met' ? `${check.label}: ${value}, needs ${needs}` : `${check.label}: ${value}`;
}

/**
 * What makes a strength: a met finding of the rule that decided the proposal (the first, in the
 * pack's order of checks). Null when the pack's default decided it, or a person's override did.
 */
export function strengthFinding(criterion: JudgedCriterion): Finding | null {
  if (criterion.decidedBy === null || criterion.judgement.decision === 'overridden') return null;
  const rule = criterion.trace.find((entry) => entry.rule === criterion.decidedBy?.rule);
  const checks = new Set((rule?.comparisons ?? []).filter((comparison) => comparison.result).map((comparison) => comparison.check));
  return criterion.findings.find((finding) => finding.met && checks.has(finding.check)) ?? null;
}

/**
 * What holds a criterion back: the checks it would have to meet for the next outcome up (the next
 * score, or the next gate status towards well managed), fewest first as checks-to-meet.ts finds them.
 * Empty when there is no higher outcome or nothing in the evidence holds it back.
 */
export function checksHoldingBack(packCriterion: PackCriterion, criterion: JudgedCriterion): { target: Outcome; checks: CheckToMeet[] } | null {
  const outcome = criterion.judgement.outcome;
  if (outcome === null) return null;
  if ('score' in outcome) {
    if (outcome.score >= 4) return null;
    const result = checksForNextScore(packCriterion, criterion.findings, outcome.score);
    return result.status === 'checks' ? { target: result.target, checks: result.unmet } : null;
  }
  const next = gateLadder[gateLadder.indexOf(outcome.status) + 1];
  if (next === undefined) return null;
  const result = checksToMeet(packCriterion, criterion.findings, { status: next });
  return result.status === 'checks' ? { target: result.target, checks: result.unmet } : null;
}
