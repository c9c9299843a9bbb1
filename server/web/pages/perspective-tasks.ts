import type { Principal } from '../../../assessments/access/roles.ts';
import type { Perspective } from '../../../assessments/evidence/perspective-evidence.ts';
import type { RatingResult } from '../../../assessments/rating/rating-result.ts';
import { outcomeText } from '../../../assessments/report-model/words.ts';
import type { RulePack } from '../../../assessments/rule-pack/rule-pack.ts';
import { latestByCriterion } from '../../persistence/assessment-records.ts';
import type { Services } from '../../services/services.ts';
import type { EvidenceContent } from '../../services/criterion-service.ts';
import { perspectivePath } from './assessment-context.ts';
import { outOfDateInWords } from './out-of-date.ts';
import { taskStatus } from './task-status.ts';

/**
 * Each criterion of one perspective as a task: its status, the outcome that stands (judged, else
 * proposed), what is missing, and its page; with the rating those outcomes give. Read once from
 * the assessment's records and scored with its pinned pack.
 */
export async function perspectiveTasks(services: Services, id: string, perspective: Perspective, pack: RulePack, principal: Principal) {
  const snapshot = await services.assessments.snapshot(id, principal);
  const result = await services.criteria.scoreSnapshot(snapshot, perspective);
  const evidence = latestByCriterion<EvidenceContent>(snapshot.records, 'evidence', perspective);
  const outOfDateOf = (id: string) => {
    const packCriterion = pack.criteria.find((candidate) => candidate.id === id);
    return packCriterion === undefined ? null : outOfDateInWords(pack, snapshot.assessment.period, packCriterion, evidence.get(id)?.content.evidence);
  };
  return {
    tasks: result.criteria.map((criterion, index) => {
      const status = taskStatus(criterion, evidence.has(criterion.criterion));
      const judged = criterion.judgement.decision !== 'proposed';
      return {
        number: index + 1,
        criterion: criterion.criterion,
        title: criterion.title,
        href: perspectivePath(id, perspective, criterion.criterion),
        status,
        outcome: criterion.judgement.outcome === null ? null : `${judged ? 'Judged' : 'Proposed'}: ${outcomeText(criterion.judgement.outcome, pack.manifest)}`,
        rationale: criterion.judgement.rationale,
        missing: evidence.has(criterion.criterion) ? criterion.missing.map((entry) => entry.label) : [],
        setAside: result.staleJudgements.includes(criterion.criterion),
        outOfDate: outOfDateOf(criterion.criterion),
      };
    }),
    rating: ratingInWords(result.rating),
  };
}

/** "Good (67%, lower part of the band)", or why there is none; "provisional" with its reasons. */
function ratingInWords(rating: RatingResult) {
  if (rating.final === null) return { text: 'No rating yet: no criterion is assessed', provisional: null, caps: [] };
  return {
    text: `${rating.final.label} (${rating.percentage ?? '–'}%${rating.bandPosition === null ? '' : `, ${rating.bandPosition} part of the band`})`,
    provisional: rating.provisional ? `Provisional: ${rating.provisionalReasons.join(' ')}` : null,
    caps: rating.limiters.map((limiter) => `${limiter.capLabel} at most: ${limiter.reason} (${limiter.source})`),
  };
}
