import type { PerspectiveResult } from '../../assessments/scoring/score-perspective.ts';
import { latestByCriterion, type StoredRecord } from '../persistence/assessment-records.ts';
import type { ModerationContent } from './criterion-service.ts';

/** A score, or null for an outcome that is a gate status or not there. */
export function scoreOf(outcome: { score: number } | { status: string } | null): number | null {
  return outcome !== null && 'score' in outcome ? outcome.score : null;
}

/** Each scored criterion's final score: the panel's moderated score, else the judged score of the result given. */
export function finalScores(result: PerspectiveResult, records: readonly StoredRecord[]): Map<string, number | null> {
  const moderated = latestByCriterion<ModerationContent>(records, 'moderation', null);
  return new Map(
    result.criteria
      .filter((criterion) => criterion.kind === 'scored')
      .map((criterion) => [criterion.criterion, scoreOf(moderated.get(criterion.criterion)?.content.outcome ?? null) ?? scoreOf(criterion.judgement.outcome)]),
  );
}
