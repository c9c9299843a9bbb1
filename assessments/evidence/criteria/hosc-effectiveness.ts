import { z } from 'zod';
import { defineCriterionEvidence, round2, valueOf } from '../criterion-evidence.ts';
import { narrative, sourced, wholeNumber, yesNo } from '../sourced.ts';

/** Evidence for the effectiveness of Health Overview and Scrutiny Committees at system level (¶3.29, ¶3.122). */
const indicators = z
  .strictObject({
    upperTierCouncils: sourced(wholeNumber(50).min(1, 'A footprint has at least 1 upper-tier council')).describe(
      'Upper-tier councils (county, unitary, metropolitan and London borough councils) in the ICS footprint',
    ),
    councilsCovered: sourced(wholeNumber(50)).describe(
      'Of those councils, how many have their area covered by system-level scrutiny: a joint committee, or their own HOSC taking system items (¶3.29)',
    ),
    jointCommittee: sourced(yesNo()).describe(
      'Is there a joint HOSC acting as a System Overview and Scrutiny Committee for the footprint? (¶3.29)',
    ),
    systemSessions: sourced(wholeNumber(100)).describe('Scrutiny sessions on system-level items in the last 12 months'),
    sessionsAttendedByLeaders: sourced(wholeNumber(100)).describe(
      'Of those sessions, how many ICB or ICP leaders attended to answer questions',
    ),
    recommendationsMade: sourced(wholeNumber(1000)).describe('Scrutiny recommendations made to the ICB or ICP in the last 12 months'),
    recommendationsAnsweredOnTime: sourced(wholeNumber(1000)).describe(
      'Of those recommendations, how many were answered within the statutory 28 days',
    ),
    strategyOrPlanScrutinised: sourced(yesNo()).describe(
      'Has the integrated care strategy or the Joint Forward Plan been scrutinised in the last 12 months?',
    ),
  })
  .partial()
  .superRefine((given, context) => {
    const councils = valueOf(given.upperTierCouncils);
    const covered = valueOf(given.councilsCovered);
    if (councils !== null && covered !== null && covered > councils) {
      context.addIssue({ code: 'custom', path: ['councilsCovered', 'value'], message: `Councils covered cannot be more than the ${councils} councils in the footprint` });
    }
    const sessions = valueOf(given.systemSessions);
    const attended = valueOf(given.sessionsAttendedByLeaders);
    if (sessions !== null && attended !== null && attended > sessions) {
      context.addIssue({ code: 'custom', path: ['sessionsAttendedByLeaders', 'value'], message: `Sessions attended cannot be more than the ${sessions} sessions held` });
    }
    const made = valueOf(given.recommendationsMade);
    const answered = valueOf(given.recommendationsAnsweredOnTime);
    if (made !== null && answered !== null && answered > made) {
      context.addIssue({ code: 'custom', path: ['recommendationsAnsweredOnTime', 'value'], message: `Recommendations answered cannot be more than the ${made} made` });
    }
  });

export const hoscEffectiveness = defineCriterionEvidence({
  id: 'hosc-effectiveness',
  schema: z.strictObject({ indicators, narrative: narrative.optional() }),
  facts: {
    footprintCoveragePercent: {
      label: 'Share of the footprint’s upper-tier councils covered by system-level scrutiny',
      unit: '%',
      needs: ['upperTierCouncils', 'councilsCovered'],
      derive: (given) => {
        const councils = valueOf(given.upperTierCouncils);
        const covered = valueOf(given.councilsCovered);
        return councils === null || covered === null ? null : round2((100 * covered) / councils);
      },
    },
    jointCommittee: {
      label: 'A joint HOSC acts as a System Overview and Scrutiny Committee',
      needs: ['jointCommittee'],
      derive: (given) => valueOf(given.jointCommittee),
    },
    systemSessions: {
      label: 'System-level scrutiny sessions in the last 12 months',
      unit: 'sessions',
      needs: ['systemSessions'],
      derive: (given) => valueOf(given.systemSessions),
    },
    leaderAttendancePercent: {
      label: 'Share of system sessions attended by ICB or ICP leaders',
      unit: '%',
      needs: ['systemSessions', 'sessionsAttendedByLeaders'],
      derive: (given) => {
        const sessions = valueOf(given.systemSessions);
        const attended = valueOf(given.sessionsAttendedByLeaders);
        return sessions === null || attended === null || sessions === 0 ? null : round2((100 * attended) / sessions);
      },
    },
    recommendationsOnTimePercent: {
      label: 'Share of scrutiny recommendations answered within 28 days (100% when none were made)',
      unit: '%',
      needs: ['recommendationsMade', 'recommendationsAnsweredOnTime'],
      derive: (given) => {
        const made = valueOf(given.recommendationsMade);
        const answered = valueOf(given.recommendationsAnsweredOnTime);
        if (made === null || answered === null) return null;
        return made === 0 ? 100 : round2((100 * answered) / made);
      },
    },
    strategyOrPlanScrutinised: {
      label: 'The integrated care strategy or Joint Forward Plan was scrutinised',
      needs: ['strategyOrPlanScrutinised'],
      derive: (given) => valueOf(given.strategyOrPlanScrutinised),
    },
  },
});
