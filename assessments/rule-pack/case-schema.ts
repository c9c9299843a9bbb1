import { z } from 'zod';
import { odsCode, period, perspectives } from '../evidence/perspective-evidence.ts';
import { judgements } from '../scoring/judgement.ts';
import { gateStatus, ratingId } from './pack-schema.ts';

/** What a case expects of the rating; every field given is checked, absent ones are not. */
const expectedRating = z.strictObject({
  percentage: z.number().int().nullable().optional(),
  band: ratingId.nullable().optional(),
  position: z.enum(['upper', 'lower']).nullable().optional(),
  final: ratingId.nullable().optional(),
  provisional: z.boolean().optional(),
  /** The names of exactly the limiters that applied, in manifest order. */
  limiters: z.array(z.string()).optional(),
});

const expectedOutcome = z.union([z.number().int().min(1).max(4), gateStatus, z.literal('not-assessed')]);

/** A case that runs the whole pipeline: evidence in, proposed outcomes and rating out. */
const evidenceCase = z.strictObject({
  name: z.string().min(1),
  note: z.string().optional(),
  criteria: z.record(z.string(), z.unknown()),
  judgements: judgements.optional(),
  expect: z.strictObject({
    /** The outcome per criterion: proposed (or judged, where the case judges it). */
    criteria: z.record(z.string(), expectedOutcome).optional(),
    /** Missing indicators expected for not-assessed criteria. */
    missing: z.record(z.string(), z.array(z.string())).optional(),
    /** Per criterion and check: whether it was met and, if given, the exact meaning its finding reads. */
    findings: z.record(z.string(), z.record(z.string(), z.strictObject({ met: z.boolean(), meaning: z.string().min(1).optional() }))).optional(),
    rating: expectedRating.optional(),
  }),
});

/** A case that runs only the rating: criterion scores and gate in, rating out. */
const ratingCase = z.strictObject({
  name: z.string().min(1),
  note: z.string().optional(),
  scores: z.record(z.string(), z.union([z.number().int().min(1).max(4), z.literal('not-assessed')])),
  gate: z.union([gateStatus, z.literal('not-assessed')]),
  expect: z.strictObject({ rating: expectedRating }),
});

/** A file of cases under a pack's cases/ folder. */
export const caseFile = z.strictObject({
  description: z.string().min(1),
  system: odsCode.default('QOX'),
  period: period.default('2025/26'),
  perspective: z.enum(perspectives).default('assessor'),
  cases: z.array(z.union([evidenceCase, ratingCase])).min(1),
});

export type CaseFile = z.infer<typeof caseFile>;
export type PackCase = CaseFile['cases'][number];
