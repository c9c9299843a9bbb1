import { z } from 'zod';
import { defineCriterionEvidence, round2, valueOf, type PackParameters } from '../criterion-evidence.ts';
import { narrative, percentage, sourced, wholeNumber, yesNo } from '../sourced.ts';

const firstYear = 2015;
const lastYear = 2040;

/** A financial year, named by the calendar year it starts in (2024 for 2024/25). */
const financialYear = z
  .number({ error: 'Enter a year' })
  .int('Enter a year such as 2024')
  .min(firstYear, `Enter a year from ${firstYear} to ${lastYear}`)
  .max(lastYear, `Enter a year from ${firstYear} to ${lastYear}`);

/** Evidence for the shift of resources to prevention, population health and health inequalities (¶2.16–2.22, ¶3.122, ¶5.7). */
const indicators = z
  .strictObject({
    preventionShare: sourced(
      z
        .array(
          z.strictObject({
            year: financialYear.describe('Financial year, named by the year it starts in (2024 for 2024/25)'),
            sharePercent: percentage().describe('Share of the total NHS budget at ICS level spent on prevention that year, as a percentage'),
          }),
        )
        .min(1, 'Give the prevention share for at least one year, or leave the item out')
        .max(lastYear - firstYear + 1, `Give at most one share for each year from ${firstYear} to ${lastYear}`),
    ).describe(
      'Share of the total NHS budget at ICS level going to prevention, by financial year, measured on the published baseline’s framework (¶2.20)',
    ),
    baselinePublished: sourced(yesNo()).describe(
      'Has the system published its baseline investment in prevention, through the ICP? (¶2.18–2.19)',
    ),
    baselineYear: sourced(financialYear).describe(
      'The financial year the published baseline measures, named by the year it starts in (2023 for 2023/24)',
    ),
    consistentFramework: sourced(yesNo()).describe(
      'Is the baseline measured on the nationally agreed, consistent framework for what counts as prevention? (¶2.17–2.19)',
    ),
    includesLocalGovernmentSpend: sourced(yesNo()).describe(
      'Does the baseline include local government spending on prevention as well as NHS spending? (¶2.18)',
    ),
    placeLevelBaselines: sourced(yesNo()).describe('Has the baseline also been set for each place in the system? (¶2.18)'),
    numberOfPlaces: sourced(wholeNumber(30).min(1, 'A system has at least 1 place')).describe('Number of places in the ICS'),
  })
  .partial()
  .superRefine((given, context) => {
    const shares = valueOf(given.preventionShare);
    const seen = new Set<number>();
    shares?.forEach((entry, index) => {
      if (seen.has(entry.year)) context.addIssue({ code: 'custom', path: ['preventionShare', 'value', index, 'year'], message: `${entry.year} is listed more than once; give one share per year` });
      seen.add(entry.year);
    });
    const baselineYear = valueOf(given.baselineYear);
    if (shares !== null && baselineYear !== null && !seen.has(baselineYear)) {
      context.addIssue({ code: 'custom', path: ['baselineYear', 'value'], message: `The prevention shares give no share for the baseline year ${baselineYear}; add it so progress can be measured from it` });
    }
  });

type Indicators = z.output<typeof indicators>;

/** A numeric pack parameter, refusing a pack that sets it as anything else. */
function numberParameter(parameters: PackParameters, name: string): number {
  const value = parameters[name];
  if (typeof value !== 'number') throw new TypeError(`The rule pack parameter ${name} must be a number`);
  return value;
}

/**
 * The published baseline and the latest year's share, or null when there is no published baseline
 * or the shares, baseline year or baseline share are not given.
 */
function progress(given: Indicators): { baselineYear: number; baselineShare: number; latestYear: number; latestShare: number } | null {
  const shares = valueOf(given.preventionShare);
  const baselineYear = valueOf(given.baselineYear);
  if (valueOf(given.baselinePublished) !== true || shares === null || baselineYear === null) return null;
  const baseline = shares.find((entry) => entry.year === baselineYear);
  const latest = shares.reduce((top, entry) => (entry.year > top.year ? entry : top));
  if (baseline === undefined) return null;
  return { baselineYear, baselineShare: baseline.sharePercent, latestYear: latest.year, latestShare: latest.sharePercent };
}

/** The rise the review expects by the latest year: targetRisePoints spread evenly over targetYears, then held (¶2.20). */
function expectedRise(given: Indicators, parameters: PackParameters): number | null {
  const found = progress(given);
  if (found === null) return null;
  const targetRise = numberParameter(parameters, 'targetRisePoints');
  const targetYears = numberParameter(parameters, 'targetYears');
  const elapsed = Math.max(0, found.latestYear - found.baselineYear);
  return (targetRise * Math.min(elapsed, targetYears)) / targetYears;
}

/** How far the actual rise is ahead of the expected line, in points (negative when behind). */
function riseAheadOfLine(given: Indicators, parameters: PackParameters): number | null {
  const actual = actualRise(given);
  const expected = expectedRise(given, parameters);
  return actual === null || expected === null ? null : actual - expected;
}

/** The latest share minus the baseline year's share, in percentage points. */
function actualRise(given: Indicators): number | null {
  const found = progress(given);
  return found === null ? null : found.latestShare - found.baselineShare;
}

const riseParameters = ['targetRisePoints', 'targetYears'] as const;

export const preventionShift = defineCriterionEvidence({
  id: 'prevention-shift',
  schema: z.strictObject({ indicators, narrative: narrative.optional() }),
  facts: {
    baselinePublished: {
      label: 'A prevention baseline has been published (with its year and the share by year)',
      needs: ['baselinePublished', 'baselineYear', 'preventionShare'],
      derive: (given) => {
        const published = valueOf(given.baselinePublished);
        if (published === false) return false;
        if (published === null || valueOf(given.baselineYear) === null || valueOf(given.preventionShare) === null) return null;
        return true;
      },
    },
    baselineComplete: {
      label: 'The baseline is complete: a consistent framework, local government spend included, and place-level baselines where the system has several places',
      needs: ['baselinePublished', 'consistentFramework', 'includesLocalGovernmentSpend', 'numberOfPlaces', 'placeLevelBaselines'],
      parameters: ['placesForPlaceBaselines'],
      derive: (given, parameters) => {
        const published = valueOf(given.baselinePublished);
        if (published === false) return false;
        const consistent = valueOf(given.consistentFramework);
        const localGovernment = valueOf(given.includesLocalGovernmentSpend);
        const places = valueOf(given.numberOfPlaces);
        if (published === null || consistent === null || localGovernment === null || places === null) return null;
        if (places < numberParameter(parameters, 'placesForPlaceBaselines')) return consistent && localGovernment;
        const placeLevel = valueOf(given.placeLevelBaselines);
        return placeLevel === null ? null : consistent && localGovernment && placeLevel;
      },
    },
    yearsSinceBaseline: {
      label: 'Years from the baseline year to the latest year with a share',
      unit: 'years',
      needs: ['baselinePublished', 'baselineYear', 'preventionShare'],
      derive: (given) => {
        const found = progress(given);
        return found === null ? null : found.latestYear - found.baselineYear;
      },
    },
    actualRisePoints: {
      label: 'Rise in the prevention share since the baseline year',
      unit: 'percentage points',
      needs: ['baselinePublished', 'baselineYear', 'preventionShare'],
      derive: (given) => {
        const rise = actualRise(given);
        return rise === null ? null : round2(rise);
      },
    },
    expectedRisePoints: {
      label: 'Rise expected by the latest year on a straight line to the review’s ambition',
      unit: 'percentage points',
      needs: ['baselinePublished', 'baselineYear', 'preventionShare'],
      parameters: riseParameters,
      derive: (given, parameters) => {
        const expected = expectedRise(given, parameters);
        return expected === null ? null : round2(expected);
      },
    },
    riseVsExpected: {
      label: 'How far the rise is ahead of the expected line (negative when behind)',
      unit: 'percentage points',
      needs: ['baselinePublished', 'baselineYear', 'preventionShare'],
      parameters: riseParameters,
      derive: (given, parameters) => {
        const gap = riseAheadOfLine(given, parameters);
        return gap === null ? null : round2(gap);
      },
    },
    shortfallPoints: {
      label: 'How far the rise is behind the expected line (negative when ahead)',
      unit: 'percentage points',
      needs: ['baselinePublished', 'baselineYear', 'preventionShare'],
      parameters: riseParameters,
      // The same gap the other way round, so that "on the line" can be a threshold of the pack.
      derive: (given, parameters) => {
        const gap = riseAheadOfLine(given, parameters);
        return gap === null ? null : round2(-gap);
      },
    },
    shareFell: {
      label: 'The prevention share has fallen below its baseline',
      needs: ['baselinePublished', 'baselineYear', 'preventionShare'],
      derive: (given) => {
        const rise = actualRise(given);
        return rise === null ? null : round2(rise) < 0;
      },
    },
  },
});
