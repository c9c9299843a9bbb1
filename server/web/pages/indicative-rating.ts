import { perspectiveOrder } from '../../../assessments/calibration/perspective-scores.ts';
import { UnavailableError } from '../../../assessments/errors.ts';
import { perspectiveNames } from '../../../assessments/report-model/words.ts';
import { latestByCriterion } from '../../persistence/assessment-records.ts';
import type { AssessmentSnapshot } from '../../services/assessment-service.ts';
import type { CriterionService } from '../../services/criterion-service.ts';

/** An assessment's headline rating as a list shows it, or why there is none. */
export interface IndicativeRating {
  /** "Good", or a reason there is no rating ("No evidence yet"). */
  label: string;
  percentage: number | null;
  provisional: boolean;
  /** The perspective it is read from, in words ("Peer review"), or null when there is none. */
  perspective: string | null;
}

/**
 * The rating the report leads with: the assessor's perspective when it has evidence, else the
 * peer review's, else the self-assessment's, scored with the pinned pack by the same service
 * method as GET /api/v1/assessments/{id}/perspectives/{perspective}/score.
 */
export async function indicativeRating(criteria: CriterionService, snapshot: AssessmentSnapshot): Promise<IndicativeRating> {
  const perspective = [...perspectiveOrder].reverse().find((candidate) => latestByCriterion(snapshot.records, 'evidence', candidate).size > 0);
  if (perspective === undefined) return { label: 'No evidence yet', percentage: null, provisional: false, perspective: null };
  try {
    const { rating } = await criteria.scoreSnapshot(snapshot, perspective);
    return { label: rating.final?.label ?? 'Not rated: no criterion assessed', percentage: rating.percentage, provisional: rating.provisional, perspective: perspectiveNames[perspective] };
  } catch (error) {
    if (error instanceof UnavailableError) return { label: 'Not available: its rule pack is not loaded here', percentage: null, provisional: false, perspective: perspectiveNames[perspective] };
    throw error;
  }
}
