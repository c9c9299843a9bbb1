/** A sourced evidence item, as the schemas require: value, source and as-at date. */
export function item<T>(value: T, source = 'Test fixture', asAt = '2025-03-31') {
  return { value, source, asAt };
}

/** HOSC evidence that the shipped pack scores 4 (see rules/hewitt-3.122/cases/hosc-effectiveness.json). */
export function hoscEvidenceScoring4() {
  return {
    indicators: {
      upperTierCouncils: item(3),
      councilsCovered: item(3),
      systemSessions: item(4),
      recommendationsMade: item(10),
      recommendationsAnsweredOnTime: item(9),
      strategyOrPlanScrutinised: item(true),
    },
  };
}

export function evidenceDocument(criteria: Record<string, unknown>, perspective = 'self') {
  return { system: 'QOX', period: '2025/26', perspective, criteria };
}
