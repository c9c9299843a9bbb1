import { z } from 'zod';
import { defineCriterionEvidence, round2, valueOf } from '../criterion-evidence.ts';
import { isoDate, narrative, sourced, wholeNumber, yesNo, type Sourced } from '../sourced.ts';

/** Evidence for the strength of the integrated care strategy and Joint Forward Plan (¶3.122, ¶3.30–3.32, ¶2.23, ¶2.32). */
const indicators = z
  .strictObject({
    strategyPublished: sourced(isoDate).describe(
      'Date the ICP published its integrated care strategy, or its latest refresh (YYYY-MM-DD) (¶3.30)',
    ),
    jointForwardPlanPublished: sourced(isoDate).describe(
      'Date the ICB published its Joint Forward Plan, or its latest annual refresh (YYYY-MM-DD) (¶2.23, ¶3.32)',
    ),
    numberOfPriorities: sourced(wholeNumber(200)).describe(
      'Number of system-wide priorities the strategy and Joint Forward Plan set (¶3.31: "a focused number of locally co-developed priorities")',
    ),
    prioritiesWithMeasurableOutcome: sourced(wholeNumber(200)).describe(
      'Of those priorities, how many have all four of: an outcome measure, a baseline, a target and a date to reach it (¶3.32)',
    ),
    outcomesFrameworkPublished: sourced(yesNo()).describe(
      'Has the system published a local outcomes framework that residents and others can use to hold it to account? (¶3.122)',
    ),
    childrenAndYoungPeopleCovered: sourced(yesNo()).describe(
      'Do the strategy and, through it, the Joint Forward Plan set out the needs of children and young people and how partners will meet them? (¶2.32)',
    ),
  })
  .partial()
  .superRefine((given, context) => {
    const priorities = valueOf(given.numberOfPriorities);
    const measurable = valueOf(given.prioritiesWithMeasurableOutcome);
    if (priorities !== null && measurable !== null && measurable > priorities) {
      context.addIssue({ code: 'custom', path: ['prioritiesWithMeasurableOutcome', 'value'], message: `Priorities with a measurable outcome cannot be more than the ${priorities} priorities set` });
    }
    for (const key of ['strategyPublished', 'jointForwardPlanPublished'] as const) {
      const item = given[key];
      if (item !== undefined && item.value > item.asAt) {
        context.addIssue({ code: 'custom', path: [key, 'value'], message: `The publication date cannot be after the as-at date (${item.asAt})` });
      }
    }
  });

/** Whole calendar months from a publication date to the date the evidence is as at. */
function monthsOld(item: Sourced<string> | undefined): number | null {
  if (item === undefined) return null;
  const [fromYear, fromMonth, fromDay] = item.value.split('-').map(Number) as [number, number, number];
  const [toYear, toMonth, toDay] = item.asAt.split('-').map(Number) as [number, number, number];
  return (toYear - fromYear) * 12 + (toMonth - fromMonth) - (toDay < fromDay ? 1 : 0);
}

export const strategyAndPlans = defineCriterionEvidence({
  id: 'strategy-and-plans',
  schema: z.strictObject({ indicators, narrative: narrative.optional() }),
  facts: {
    strategyMonthsOld: {
      label: 'Age of the integrated care strategy (or its latest refresh) at the as-at date',
      unit: 'months',
      needs: ['strategyPublished'],
      derive: (given) => monthsOld(given.strategyPublished),
    },
    planMonthsOld: {
      label: 'Age of the Joint Forward Plan (or its latest refresh) at the as-at date',
      unit: 'months',
      needs: ['jointForwardPlanPublished'],
      derive: (given) => monthsOld(given.jointForwardPlanPublished),
    },
    planBuildsOnStrategy: {
      label: 'The Joint Forward Plan was published on or after the strategy it builds on',
      needs: ['strategyPublished', 'jointForwardPlanPublished'],
      derive: (given) => {
        const strategy = valueOf(given.strategyPublished);
        const plan = valueOf(given.jointForwardPlanPublished);
        return strategy === null || plan === null ? null : plan >= strategy;
      },
    },
    numberOfPriorities: {
      label: 'System-wide priorities in the strategy and Joint Forward Plan',
      unit: 'priorities',
      needs: ['numberOfPriorities'],
      derive: (given) => valueOf(given.numberOfPriorities),
    },
    measurablePercent: {
      label: 'Share of priorities with an outcome measure, baseline, target and date (0% when there are no priorities)',
      unit: '%',
      needs: ['numberOfPriorities', 'prioritiesWithMeasurableOutcome'],
      derive: (given) => {
        const priorities = valueOf(given.numberOfPriorities);
        const measurable = valueOf(given.prioritiesWithMeasurableOutcome);
        if (priorities === null || measurable === null) return null;
        return priorities === 0 ? 0 : round2((100 * measurable) / priorities);
      },
    },
    outcomesFrameworkPublished: {
      label: 'A local outcomes framework is published for residents to hold the system to account',
      needs: ['outcomesFrameworkPublished'],
      derive: (given) => valueOf(given.outcomesFrameworkPublished),
    },
    childrenAndYoungPeopleCovered: {
      label: 'The strategy and plan set out children and young people’s needs and how they will be met',
      needs: ['childrenAndYoungPeopleCovered'],
      derive: (given) => valueOf(given.childrenAndYoungPeopleCovered),
    },
  },
});
