import { z } from 'zod';
import { defineCriterionEvidence, round2, valueOf } from '../criterion-evidence.ts';
import { narrative, sourced, yesNo } from '../sourced.ts';

/** The partner sectors whose view of the ICS ¶3.122 asks for. */
const sectors = ['local-government', 'vcfse', 'social-care-providers', 'nhs-providers', 'icb', 'primary-care'] as const;
type Sector = (typeof sectors)[number];

/** Each sector's name as a reader would write it, for messages. */
const sectorNames: Readonly<Record<Sector, string>> = {
  'local-government': 'Local government',
  vcfse: 'The VCFSE sector',
  'social-care-providers': 'Social care providers',
  'nhs-providers': 'NHS providers',
  icb: 'The ICB',
  'primary-care': 'Primary care',
};

/** The sectors every partner survey should hear from (¶3.122, 1st bullet): primary care is reported when surveyed, but not required. */
const coreSectors: readonly Sector[] = ['local-government', 'vcfse', 'social-care-providers', 'nhs-providers', 'icb'];

/** The NHS sectors, compared with the others to show whether the NHS sees the partnership as its partners do. */
const nhsSectors: readonly Sector[] = ['nhs-providers', 'icb', 'primary-care'];

/** One sector's answers to the partner engagement survey. */
const sectorResult = z.strictObject({
  sector: z
    .enum(sectors, { error: 'Choose local government, VCFSE, social care providers, NHS providers, ICB or primary care' })
    .describe('Partner sector: local government, the voluntary, community, faith and social enterprise (VCFSE) sector, social care providers, NHS providers, the ICB or primary care'),
  respondents: z
    .number({ error: 'Enter a number' })
    .int('Enter a whole number')
    .min(1, 'A sector that responded has at least 1 respondent; leave out a sector with none')
    .max(100000, 'Enter 100,000 or fewer')
    .describe('Number of people from this sector who answered the survey'),
  meanScore: z
    .number({ error: 'Enter a number' })
    .min(1, 'Enter a mean score from 1 to 5')
    .max(5, 'Enter a mean score from 1 to 5')
    .describe('The sector’s mean rating of its engagement and relationships in the ICS, from 1 (very poor) to 5 (very good)'),
});

type SectorResult = z.infer<typeof sectorResult>;

/** Evidence for how partners rate their engagement, and who is in system leadership (¶3.122, ¶3.21–3.26). */
const indicators = z
  .strictObject({
    partnerSurvey: sourced(
      z
        .array(sectorResult)
        .min(1, 'List at least one sector that responded, or leave the survey out')
        .max(sectors.length, `List each of the ${sectors.length} sectors at most once`),
    ).describe(
      'Partner engagement survey results by sector: for each sector that responded, how many people answered and their mean score from 1 to 5 (¶3.122). Leave out a sector that did not respond.',
    ),
    publicHealthInLeadership: sourced(yesNo()).describe(
      'Is public health expertise involved in the leadership of the system, for example a director of public health with a defined role on the ICB or ICP? (¶3.25–3.26)',
    ),
    socialCareProviderVoice: sourced(
      z.enum(['board-seat', 'formal-forum', 'none'], { error: 'Choose a board seat, a formal forum, or none' }),
    ).describe(
      'How the social care provider sector is involved in system leadership: a seat on the ICB or ICP, a formal forum that feeds into decisions, or none (¶3.25–3.26)',
    ),
  })
  .partial()
  .superRefine((given, context) => {
    const seen = new Set<Sector>();
    valueOf(given.partnerSurvey)?.forEach((entry, index) => {
      if (seen.has(entry.sector)) {
        context.addIssue({ code: 'custom', path: ['partnerSurvey', 'value', index, 'sector'], message: `${sectorNames[entry.sector]} is listed more than once; give one line per sector` });
      }
      seen.add(entry.sector);
    });
  });

/** The unweighted mean of the sectors' mean scores (each sector one voice), or null when there are none. */
function meanOfSectors(entries: readonly SectorResult[]): number | null {
  return entries.length === 0 ? null : entries.reduce((sum, entry) => sum + entry.meanScore, 0) / entries.length;
}

export const partnerEngagement = defineCriterionEvidence({
  id: 'partner-engagement',
  schema: z.strictObject({ indicators, narrative: narrative.optional() }),
  facts: {
    coreSectorsResponded: {
      label: 'Core sectors that responded to the survey (local government, VCFSE, social care providers, NHS providers, ICB)',
      unit: 'sectors',
      needs: ['partnerSurvey'],
      derive: (given) => {
        const survey = valueOf(given.partnerSurvey);
        return survey === null ? null : survey.filter((entry) => coreSectors.includes(entry.sector)).length;
      },
    },
    allCoreSectorsResponded: {
      label: 'Every core sector responded: local government, VCFSE, social care providers, NHS providers and the ICB',
      needs: ['partnerSurvey'],
      derive: (given) => {
        const survey = valueOf(given.partnerSurvey);
        return survey === null ? null : coreSectors.every((sector) => survey.some((entry) => entry.sector === sector));
      },
    },
    lowestSectorMean: {
      label: 'Mean score of the least positive sector',
      unit: 'out of 5',
      needs: ['partnerSurvey'],
      derive: (given) => {
        const survey = valueOf(given.partnerSurvey);
        return survey === null ? null : round2(Math.min(...survey.map((entry) => entry.meanScore)));
      },
    },
    sectorGap: {
      label: 'Gap between the most and the least positive sector’s mean score',
      unit: 'points',
      needs: ['partnerSurvey'],
      derive: (given) => {
        const survey = valueOf(given.partnerSurvey);
        if (survey === null) return null;
        const scores = survey.map((entry) => entry.meanScore);
        return round2(Math.max(...scores) - Math.min(...scores));
      },
    },
    nhsGap: {
      label: 'Gap, either way, between the NHS sectors’ average score (NHS providers, ICB, primary care) and the other sectors’ average (each sector counts once)',
      unit: 'points',
      needs: ['partnerSurvey'],
      derive: (given) => {
        const survey = valueOf(given.partnerSurvey);
        if (survey === null) return null;
        const nhs = meanOfSectors(survey.filter((entry) => nhsSectors.includes(entry.sector)));
        const others = meanOfSectors(survey.filter((entry) => !nhsSectors.includes(entry.sector)));
        return nhs === null || others === null ? null : round2(Math.abs(nhs - others));
      },
    },
    publicHealthInLeadership: {
      label: 'Public health expertise is involved in the leadership of the system',
      needs: ['publicHealthInLeadership'],
      derive: (given) => valueOf(given.publicHealthInLeadership),
    },
    socialCareProviderVoice: {
      label: 'How social care providers are involved in system leadership (board seat, formal forum or none)',
      needs: ['socialCareProviderVoice'],
      derive: (given) => valueOf(given.socialCareProviderVoice),
    },
  },
});
