import { z } from 'zod';
import { defineCriterionEvidence, round2, valueOf } from '../criterion-evidence.ts';
import { narrative, percentage, sourced, wholeNumber } from '../sourced.ts';

/** Evidence for the coherence, consistency and impact of place and neighbourhood arrangements (¶3.122, ¶3.15–3.20, ¶4.4–4.8). */
const indicators = z
  .strictObject({
    places: sourced(wholeNumber(30).min(1, 'A system has at least 1 place')).describe(
      'Places (place-based partnerships) in the ICS, as agreed by partners at system level (¶3.15, ¶3.18)',
    ),
    placesWithGovernanceAndLeader: sourced(wholeNumber(30)).describe(
      'Of those places, how many have an agreed integrated governance structure and a named leader accountable for the place (¶3.18)',
    ),
    placesWithConsistentPriorities: sourced(wholeNumber(30)).describe(
      'Of those places, how many have set their own priorities within the guardrails of the system’s integrated care strategy, consistent with it (¶3.19)',
    ),
    budgetDelegatedToPlacePercent: sourced(percentage()).describe(
      'Share of the ICB’s allocation that place partnerships decide on: delegated to place or pooled at place, including section 75 pooled budgets such as the Better Care Fund (%)',
    ),
    neighbourhoodTeamCoveragePercent: sourced(percentage()).describe(
      'Share of the ICS population covered by integrated neighbourhood teams working across primary care, community, social care and other services (%) (¶4.4–4.6)',
    ),
  })
  .partial()
  .superRefine((given, context) => {
    const places = valueOf(given.places);
    if (places === null) return;
    const governed = valueOf(given.placesWithGovernanceAndLeader);
    if (governed !== null && governed > places) {
      context.addIssue({ code: 'custom', path: ['placesWithGovernanceAndLeader', 'value'], message: `Places with governance and a leader cannot be more than the ${places} places in the system` });
    }
    const consistent = valueOf(given.placesWithConsistentPriorities);
    if (consistent !== null && consistent > places) {
      context.addIssue({ code: 'custom', path: ['placesWithConsistentPriorities', 'value'], message: `Places with consistent priorities cannot be more than the ${places} places in the system` });
    }
  });

/** The share of the system's places that a count of places covers, or null when either is missing. */
function shareOfPlaces(places: number | null, count: number | null): number | null {
  return places === null || count === null || places === 0 ? null : round2((100 * count) / places);
}

export const placeAndNeighbourhood = defineCriterionEvidence({
  id: 'place-and-neighbourhood',
  schema: z.strictObject({ indicators, narrative: narrative.optional() }),
  facts: {
    governedPlacesPercent: {
      label: 'Share of places with agreed integrated governance and a named accountable leader',
      unit: '%',
      needs: ['places', 'placesWithGovernanceAndLeader'],
      derive: (given) => shareOfPlaces(valueOf(given.places), valueOf(given.placesWithGovernanceAndLeader)),
    },
    consistentPrioritiesPercent: {
      label: 'Share of places whose priorities are consistent with the system strategy',
      unit: '%',
      needs: ['places', 'placesWithConsistentPriorities'],
      derive: (given) => shareOfPlaces(valueOf(given.places), valueOf(given.placesWithConsistentPriorities)),
    },
    budgetDelegatedToPlacePercent: {
      label: 'Share of the ICB’s allocation delegated to or pooled at place',
      unit: '%',
      needs: ['budgetDelegatedToPlacePercent'],
      derive: (given) => valueOf(given.budgetDelegatedToPlacePercent),
    },
    neighbourhoodTeamCoveragePercent: {
      label: 'Share of the population covered by integrated neighbourhood teams',
      unit: '%',
      needs: ['neighbourhoodTeamCoveragePercent'],
      derive: (given) => valueOf(given.neighbourhoodTeamCoveragePercent),
    },
  },
});
