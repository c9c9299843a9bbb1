import { z } from 'zod';
import { defineCriterionEvidence, valueOf } from '../criterion-evidence.ts';
import { narrative, percentage, sourced, yesNo } from '../sourced.ts';

/** Evidence for a framework of mutual accountability and a single version of the truth (¶3.122, ¶3.3, ¶3.11, ¶3.98). */
const indicators = z
  .strictObject({
    sharedDashboard: sourced(yesNo()).describe(
      'Do the partners share one performance dashboard for the system, a "single version of the truth"? (¶3.98)',
    ),
    partnersWithAccessPercent: sourced(percentage()).describe(
      'Share of the ICS’s partner organisations (NHS bodies, councils, VCFSE and social care provider representatives) with access to that dashboard (%)',
    ),
    accountabilityFrameworkAgreed: sourced(yesNo()).describe(
      'Have the partners agreed a framework of mutual accountability: how they support and challenge each other to deliver the priorities they agreed together? (¶3.3)',
    ),
    financeDataShared: sourced(yesNo()).describe(
      'Is financial data (plans, positions and risks) shared openly across partners, including councils, not only among NHS bodies?',
    ),
  })
  .partial()
  .superRefine((given, context) => {
    const dashboard = valueOf(given.sharedDashboard);
    const access = valueOf(given.partnersWithAccessPercent);
    if (dashboard === false && access !== null && access > 0) {
      context.addIssue({ code: 'custom', path: ['partnersWithAccessPercent', 'value'], message: 'With no shared dashboard, the share of partners with access must be 0' });
    }
  });

export const mutualAccountability = defineCriterionEvidence({
  id: 'mutual-accountability',
  schema: z.strictObject({ indicators, narrative: narrative.optional() }),
  facts: {
    sharedDashboard: {
      label: 'Partners share one performance dashboard for the system',
      needs: ['sharedDashboard'],
      derive: (given) => valueOf(given.sharedDashboard),
    },
    partnersWithAccessPercent: {
      label: 'Share of partner organisations with access to the shared dashboard (0 when there is none)',
      unit: '%',
      needs: ['sharedDashboard', 'partnersWithAccessPercent'],
      derive: (given) => (valueOf(given.sharedDashboard) === false ? 0 : valueOf(given.partnersWithAccessPercent)),
    },
    accountabilityFrameworkAgreed: {
      label: 'Partners have agreed a framework of mutual accountability',
      needs: ['accountabilityFrameworkAgreed'],
      derive: (given) => valueOf(given.accountabilityFrameworkAgreed),
    },
    financeDataShared: {
      label: 'Financial data is shared openly across partners',
      needs: ['financeDataShared'],
      derive: (given) => valueOf(given.financeDataShared),
    },
  },
});
