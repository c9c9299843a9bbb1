import { z } from 'zod';
import { defineCriterionEvidence, valueOf } from '../criterion-evidence.ts';
import { narrative, sourced, yesNo } from '../sourced.ts';

/** A number within a range, with one plain-English message for both ends. */
const numberBetween = (min: number, max: number, message: string) =>
  z.number({ error: 'Enter a number' }).min(min, message).max(max, message);

/** Evidence for whether the system's financial position is well managed: the gate on the rating (¶3.118, ¶3.120, ¶5.5–5.7). */
const indicators = z
  .strictObject({
    outturnVariancePercent: sourced(numberBetween(-20, 20, 'Enter a percentage from -20 to 20')).describe(
      'Year-end outturn against the financial plan, as a percentage of the system’s allocation: negative when worse than plan (adverse), positive when better',
    ),
    underlyingDeficitMillions: sourced(numberBetween(0, 5000, 'Enter an amount from 0 to 5,000 (£ millions)')).describe(
      'Underlying (recurrent) deficit of the system, in £ millions: 0 when recurrent income covers recurrent spending',
    ),
    oversightSegment: sourced(
      z.number({ error: 'Enter a number' }).int('Enter a whole number').min(1, 'Enter a segment from 1 to 4').max(4, 'Enter a segment from 1 to 4'),
    ).describe('The ICB’s segment in the NHS Oversight Framework: 1 (no specific support needs) to 4 (intensive support)'),
    inRecoverySupportProgramme: sourced(yesNo()).describe('Is the ICB in NHS England’s Recovery Support Programme (intensive support for the most challenged systems)?'),
    efficiencyDeliveredPercentOfPlan: sourced(numberBetween(0, 200, 'Enter a percentage from 0 to 200')).describe(
      'Efficiency savings delivered in the year, as a percentage of the savings planned (100 means the plan was delivered in full)',
    ),
    capitalWithinLimit: sourced(yesNo()).describe('Did the system keep its capital spending within its capital limit (the capital departmental expenditure limit)?'),
  })
  .partial();

export const financialManagement = defineCriterionEvidence({
  id: 'financial-management',
  schema: z.strictObject({ indicators, narrative: narrative.optional() }),
  facts: {
    outturnVariancePercent: {
      label: 'Outturn against plan as a share of allocation (negative is worse than plan)',
      unit: '%',
      needs: ['outturnVariancePercent'],
      derive: (given) => valueOf(given.outturnVariancePercent),
    },
    underlyingDeficitMillions: {
      label: 'Underlying (recurrent) deficit',
      unit: '£ millions',
      needs: ['underlyingDeficitMillions'],
      derive: (given) => valueOf(given.underlyingDeficitMillions),
    },
    oversightSegment: {
      label: 'NHS Oversight Framework segment of the ICB (1 best, 4 intensive support)',
      unit: 'segment',
      needs: ['oversightSegment'],
      derive: (given) => valueOf(given.oversightSegment),
    },
    inRecoverySupportProgramme: {
      label: 'The ICB is in NHS England’s Recovery Support Programme',
      needs: ['inRecoverySupportProgramme'],
      derive: (given) => valueOf(given.inRecoverySupportProgramme),
    },
    efficiencyDeliveredPercentOfPlan: {
      label: 'Efficiency savings delivered against plan',
      unit: '% of plan',
      needs: ['efficiencyDeliveredPercentOfPlan'],
      derive: (given) => valueOf(given.efficiencyDeliveredPercentOfPlan),
    },
    capitalWithinLimit: {
      label: 'Capital spending was kept within the capital limit',
      needs: ['capitalWithinLimit'],
      derive: (given) => valueOf(given.capitalWithinLimit),
    },
  },
});
