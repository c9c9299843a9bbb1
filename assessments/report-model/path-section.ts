import { checksForPath } from '../calibration/checks-to-meet.ts';
import { pathToNextRating } from '../calibration/path-to-next-rating.ts';
import type { AgreedResult } from '../rating/agreed-result.ts';
import type { RulePack } from '../rule-pack/rule-pack.ts';
import type { Finding } from '../scoring/criterion-result.ts';
import { checkInWords } from './decisive-finding.ts';
import { finalCriteria } from './executive-summary.ts';
import type { ReportPerspective } from './report-input.ts';
import type { ExecutiveSummary } from './report-model.ts';
import { gateStatusNames, listInWords } from './words.ts';

/**
 * What would move the system to the next rating (¶3.123): the smallest set of score rises and gate
 * steps that lifts the final rating (path-to-next-rating.ts), and for each, the checks its criterion
 * would have to meet (checks-to-meet.ts), from the agreed result's final scores.
 */
export async function pathSectionOf(perspectives: readonly ReportPerspective[], agreed: AgreedResult, pack: RulePack): Promise<ExecutiveSummary['path']> {
  if (perspectives.length === 0 && agreed.criteria.every((criterion) => criterion.outcome === null)) return { message: 'No perspective has evidence yet.', steps: [] };
  const titleOf = (id: string) => pack.criteria.find((criterion) => criterion.id === id)?.title ?? id;
  const criteria = finalCriteria(perspectives, agreed);
  const scores = agreed.criteria
    .filter((criterion) => criterion.kind === 'scored')
    .map((criterion) => ({ criterion: criterion.criterion, score: criterion.outcome !== null && 'score' in criterion.outcome ? criterion.outcome.score : null }));
  const path = await pathToNextRating(pack.manifest, scores, agreed.rating.gate);
  if (path.status !== 'path') return { message: path.message, steps: [] };

  const findings: Record<string, readonly Finding[]> = Object.fromEntries(criteria.map((criterion) => [criterion.criterion, criterion.findings]));
  const steps = checksForPath(path.changes, pack.criteria, findings).map(({ change, checks }) => ({
    change:
      change.kind === 'score'
        ? `${titleOf(change.criterion)}: from ${change.from} to ${change.to}`
        : `Financial management gate: from ${gateStatusNames[change.from].toLowerCase()} to ${gateStatusNames[change.to].toLowerCase()}`,
    alternatives:
      change.kind === 'score' && change.interchangeableWith.length > 0
        ? `Raising ${listInWords(change.interchangeableWith.map(titleOf))} instead (also at ${change.from}) would have the same effect on the rating.`
        : null,
    checks: (checks?.status === 'checks' ? checks.unmet : []).map((check) => ({ label: checkInWords(check), needs: check.needs === 'met' ? 'To meet' : 'To stop holding', meaning: check.meaning, citation: check.citation })),
  }));
  const lifted = path.limitersLifted.length === 0 ? '' : ` It lifts ${path.limitersLifted.length === 1 ? 'the cap' : 'the caps'}: ${path.limitersLifted.map((limiter) => limiter.reason).join(' ')}`;
  const left = path.notAssessed.length === 0 ? '' : ` Criteria not assessed (${listInWords(path.notAssessed.map(titleOf))}) are left as they are.`;
  return {
    message: `${path.changes.length === 1 ? 'This change' : `These ${path.changes.length} changes`} would lift the rating from ${path.current.final?.label ?? 'none'} to ${path.result.final?.label ?? path.target.label} (${path.result.percentage ?? '–'}%).${lifted}${left}`,
    steps,
  };
}
