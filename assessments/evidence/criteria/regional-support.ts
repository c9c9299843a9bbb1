import { z } from 'zod';
import { defineCriterionEvidence, valueOf } from '../criterion-evidence.ts';
import { narrative, sourced, wholeNumber, yesNo } from '../sourced.ts';

/** Evidence for how the system works with NHS England regional support, and its progress to self-support (¶3.122, ¶3.37–3.48, ¶3.70–3.81). */
const indicators = z
  .strictObject({
    supportArrangementAgreed: sourced(yesNo()).describe(
      'Have the ICB and its NHS England region agreed how support and escalation will work between them, for example a compact or a "systems + region" model? (¶3.74, ¶3.76–3.77)',
    ),
    icbLeadsProviderSupport: sourced(yesNo()).describe(
      'Does the ICB lead support for providers in difficulty, with the region working "with and through" the ICB rather than around it? (¶3.45, ¶3.48)',
    ),
    escalationsToRegion: sourced(wholeNumber(100)).describe(
      'Issues the ICB escalated to the NHS England region for support or intervention in the last 12 months',
    ),
    oversightSegment: sourced(
      z.number({ error: 'Enter a number' }).int('Enter a whole number').min(1, 'Enter a segment from 1 to 4').max(4, 'Enter a segment from 1 to 4'),
    ).describe(
      'The ICB’s segment in the NHS Oversight Framework: 1 (no specific support needs) to 4 (intensive support, the Recovery Support Programme)',
    ),
  })
  .partial();

export const regionalSupport = defineCriterionEvidence({
  id: 'regional-support',
  schema: z.strictObject({ indicators, narrative: narrative.optional() }),
  facts: {
    supportArrangementAgreed: {
      label: 'A support and escalation arrangement is agreed with the NHS England region',
      needs: ['supportArrangementAgreed'],
      derive: (given) => valueOf(given.supportArrangementAgreed),
    },
    icbLeadsProviderSupport: {
      label: 'The ICB leads support for providers in difficulty, with the region working "with and through" it',
      needs: ['icbLeadsProviderSupport'],
      derive: (given) => valueOf(given.icbLeadsProviderSupport),
    },
    oversightSegment: {
      label: 'NHS Oversight Framework segment of the ICB (1 best, 4 intensive support)',
      unit: 'segment',
      needs: ['oversightSegment'],
      derive: (given) => valueOf(given.oversightSegment),
    },
    escalationsToRegion: {
      label: 'Issues escalated to the NHS England region in the last 12 months',
      unit: 'escalations',
      needs: ['escalationsToRegion'],
      derive: (given) => valueOf(given.escalationsToRegion),
    },
  },
});
