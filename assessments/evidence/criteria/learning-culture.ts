import { z } from 'zod';
import { defineCriterionEvidence, round2, valueOf, type PackParameters } from '../criterion-evidence.ts';
import { narrative, sourced, yesNo } from '../sourced.ts';

/** Evidence for a learning and improvement culture across the system (¶3.122, ¶3.50–3.54, ¶3.87). */
const indicators = z
  .strictObject({
    commonQiMethod: sourced(yesNo()).describe(
      'Have the system’s partners adopted a common quality improvement method, or brought their QI leads together as one QI community? (¶3.50, ¶3.87)',
    ),
    peerReviewLast24Months: sourced(yesNo()).describe('Has the system had an external peer review in the last 24 months? (¶3.54)'),
    leaders360Feedback: sourced(yesNo()).describe(
      'Do system leaders receive 360-degree feedback that includes colleagues from partner organisations? (¶3.122)',
    ),
    staffEngagementScore: sourced(
      z.number({ error: 'Enter a number' }).min(0, 'Enter a score from 0 to 10').max(10, 'Enter a score from 0 to 10'),
    ).describe(
      'NHS Staff Survey staff engagement score (0 to 10) for the system’s NHS trusts in the latest survey: the mean of the trusts’ published scores',
    ),
    psychologicalSafetyMeasured: sourced(yesNo()).describe(
      'Do partners measure psychological safety (whether staff feel safe to speak up and admit mistakes) and act on the results? (¶3.122)',
    ),
  })
  .partial();

/** The national staff engagement score a pack sets, refusing a pack that sets it as anything but a number. */
function nationalScore(parameters: PackParameters): number {
  const national = parameters.nationalStaffEngagementScore;
  if (typeof national !== 'number') throw new TypeError('The rule pack parameter nationalStaffEngagementScore must be a number');
  return national;
}

export const learningCulture = defineCriterionEvidence({
  id: 'learning-culture',
  schema: z.strictObject({ indicators, narrative: narrative.optional() }),
  facts: {
    commonQiMethod: {
      label: 'Partners share a common quality improvement method or QI community',
      needs: ['commonQiMethod'],
      derive: (given) => valueOf(given.commonQiMethod),
    },
    peerReviewLast24Months: {
      label: 'External peer review in the last 24 months',
      needs: ['peerReviewLast24Months'],
      derive: (given) => valueOf(given.peerReviewLast24Months),
    },
    leaders360Feedback: {
      label: 'System leaders receive 360-degree feedback from partners',
      needs: ['leaders360Feedback'],
      derive: (given) => valueOf(given.leaders360Feedback),
    },
    psychologicalSafetyMeasured: {
      label: 'Psychological safety is measured and acted on',
      needs: ['psychologicalSafetyMeasured'],
      derive: (given) => valueOf(given.psychologicalSafetyMeasured),
    },
    staffEngagementScore: {
      label: 'NHS Staff Survey staff engagement score of the system’s trusts (0–10)',
      unit: 'out of 10',
      needs: ['staffEngagementScore'],
      derive: (given) => valueOf(given.staffEngagementScore),
    },
    staffEngagementVsNational: {
      label: 'Staff engagement score above (+) or below (−) the national score',
      unit: 'points',
      needs: ['staffEngagementScore'],
      parameters: ['nationalStaffEngagementScore'],
      derive: (given, parameters) => {
        const score = valueOf(given.staffEngagementScore);
        return score === null ? null : round2(score - nationalScore(parameters));
      },
    },
  },
});
