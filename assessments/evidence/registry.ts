import type { CriterionEvidence } from './criterion-evidence.ts';
import { partnerEngagement } from './criteria/partner-engagement.ts';
import { strategyAndPlans } from './criteria/strategy-and-plans.ts';
import { hoscEffectiveness } from './criteria/hosc-effectiveness.ts';
import { placeAndNeighbourhood } from './criteria/place-and-neighbourhood.ts';
import { regionalSupport } from './criteria/regional-support.ts';
import { prioritiesInPractice } from './criteria/priorities-in-practice.ts';
import { mutualAccountability } from './criteria/mutual-accountability.ts';
import { learningCulture } from './criteria/learning-culture.ts';
import { preventionShift } from './criteria/prevention-shift.ts';
import { financialManagement } from './criteria/financial-management.ts';

/**
 * Every criterion the product knows how to take evidence for, by id. A rule pack may score any
 * of these; the pack loader refuses a criterion that has no evidence definition here.
 */
export const criterionEvidence: Readonly<Record<string, CriterionEvidence>> = {
  [partnerEngagement.id]: partnerEngagement,
  [strategyAndPlans.id]: strategyAndPlans,
  [hoscEffectiveness.id]: hoscEffectiveness,
  [placeAndNeighbourhood.id]: placeAndNeighbourhood,
  [regionalSupport.id]: regionalSupport,
  [prioritiesInPractice.id]: prioritiesInPractice,
  [mutualAccountability.id]: mutualAccountability,
  [learningCulture.id]: learningCulture,
  [preventionShift.id]: preventionShift,
  [financialManagement.id]: financialManagement,
};
