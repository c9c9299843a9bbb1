import { z } from 'zod';

/** A paragraph of the Hewitt Review, e.g. "¶3.122" or "¶3.21–3.26" (the pack's source of authority). */
export const citation = z.string().regex(/^¶\d+\.\d+/, 'Cite a paragraph of the source, e.g. "¶3.122"');

const name = z.string().regex(/^[a-z0-9][a-z0-9./:-]*$/, 'Use lower-case letters, digits, ".", "/", ":" and "-"');

const parameter = z.strictObject({
  value: z.union([z.number(), z.string(), z.boolean()]),
  unit: z.string().min(1).optional(),
  description: z.string().min(1),
});

/** A comparison of one fact with a threshold: json-rules-engine's condition with a fact. */
export const comparison = z.strictObject({
  fact: z.string().min(1),
  operator: z.string().min(1),
  value: z.union([z.number(), z.string(), z.boolean(), z.array(z.union([z.number(), z.string()])), z.strictObject({ fact: z.string().min(1) })]),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
});

/** json-rules-engine's boolean condition tree whose leaves are references to named checks. */
export type CheckTree = { all: CheckTree[] } | { any: CheckTree[] } | { not: CheckTree } | { condition: string };
export const checkTree: z.ZodType<CheckTree> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(checkTree).min(1) }),
    z.strictObject({ any: z.array(checkTree).min(1) }),
    z.strictObject({ not: checkTree }),
    z.strictObject({ condition: z.string().min(1) }),
  ]),
);

/** json-rules-engine's boolean condition tree whose leaves are comparisons (used by limiters). */
export type ComparisonTree = { all: ComparisonTree[] } | { any: ComparisonTree[] } | { not: ComparisonTree } | z.infer<typeof comparison>;
export const comparisonTree: z.ZodType<ComparisonTree> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(comparisonTree).min(1) }),
    z.strictObject({ any: z.array(comparisonTree).min(1) }),
    z.strictObject({ not: comparisonTree }),
    comparison,
  ]),
);

const outcomeText = { citation, summary: z.string().min(1) };
export const gateStatus = z.enum(['well-managed', 'not-well-managed', 'severe']);
const scoreOutcome = z.strictObject({ score: z.number().int().min(1).max(4), ...outcomeText });
const gateOutcome = z.strictObject({ status: gateStatus, rank: z.number().int().min(1), ...outcomeText });

const check = z.strictObject({
  name,
  citation,
  condition: comparison,
  meaning: z.strictObject({ met: z.string().min(1), notMet: z.string().min(1) }),
});

const criterionCommon = {
  id: name,
  title: z.string().min(1),
  citations: z.array(citation).min(1),
  summary: z.string().min(1),
  thresholdsRationale: z.string().min(1),
  parameters: z.record(z.string(), parameter),
  required: z.array(z.string().min(1)).min(1),
  checks: z.array(check).min(1),
};

export const scoredCriterionFile = z.strictObject({
  ...criterionCommon,
  kind: z.literal('scored'),
  rules: z.array(z.strictObject({ name, conditions: checkTree, event: z.strictObject({ type: z.literal('score'), params: scoreOutcome }) })).min(1),
  default: scoreOutcome,
});

export const gateCriterionFile = z.strictObject({
  ...criterionCommon,
  kind: z.literal('gate'),
  rules: z.array(z.strictObject({ name, conditions: checkTree, event: z.strictObject({ type: z.literal('gate'), params: gateOutcome }) })).min(1),
  default: gateOutcome,
});

export const criterionFile = z.discriminatedUnion('kind', [scoredCriterionFile, gateCriterionFile]);

export const ratingId = z.enum(['inadequate', 'requires-improvement', 'good', 'outstanding']);

export const manifestFile = z.strictObject({
  id: name,
  version: z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'Use a semantic version such as 1.0.0'),
  title: z.string().min(1),
  source: z.strictObject({
    document: z.string().min(1),
    publisher: z.string().min(1),
    published: z.string().min(1),
    licence: z.string().min(1),
    paragraph: citation,
  }),
  scale: z.strictObject({ '1': z.string(), '2': z.string(), '3': z.string(), '4': z.string() }),
  criteria: z.array(z.strictObject({ id: name, file: z.string().regex(/^criteria\/[a-z0-9-]+\.json$/) })).min(1),
  ratings: z
    .array(z.strictObject({ id: ratingId, label: z.string().min(1), minPercent: z.number().int(), maxPercent: z.number().int() }))
    .length(4),
  rounding: z.strictObject({ method: z.literal('half-up'), note: z.string().min(1) }),
  bandPosition: z.strictObject({ method: z.literal('midpoint'), note: z.string().min(1) }),
  limiters: z
    .array(
      z.strictObject({
        name,
        conditions: z.union([
          z.strictObject({ all: z.array(comparisonTree).min(1) }),
          z.strictObject({ any: z.array(comparisonTree).min(1) }),
          z.strictObject({ not: comparisonTree }),
        ]),
        event: z.strictObject({
          type: z.literal('cap'),
          params: z.strictObject({
            capAt: ratingId,
            reason: z.string().min(1),
            source: z.string().min(1),
            criteria: z.strictObject({ fact: z.string(), params: z.record(z.string(), z.number()) }).optional(),
          }),
        }),
      }),
    )
    .min(1),
  provisional: z.strictObject({ minimumScoredCriteriaAssessed: z.number().int().min(1), gateRequired: z.boolean() }),
  calibrationMode: z.strictObject({ enabled: z.boolean(), label: z.string().min(1), citation }),
  calibration: z.strictObject({ divergencePoints: z.number().int().min(1), kappaMinimumPairs: z.number().int().min(2) }),
  /** How old evidence may be at the end of the period before it is flagged as out of date (from 1.1.0; the flag never changes a score). */
  evidenceAge: z.strictObject({ maxMonthsAtPeriodEnd: z.number().int().min(1).max(120), citation, note: z.string().min(1) }).optional(),
});

export type ManifestFile = z.infer<typeof manifestFile>;
export type CriterionFile = z.infer<typeof criterionFile>;
export type ScoredCriterionFile = z.infer<typeof scoredCriterionFile>;
export type GateCriterionFile = z.infer<typeof gateCriterionFile>;
export type GateStatus = z.infer<typeof gateStatus>;
export type RatingId = z.infer<typeof ratingId>;
