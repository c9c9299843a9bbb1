import { z } from 'zod';
import { ValidationError, issuesOf } from '../errors.ts';
import { criterionEvidence } from './registry.ts';

/** The three people's views of one system that an assessment brings together (¶3.26, ¶3.54, ¶3.56). */
export const perspectives = ['self', 'peer', 'assessor'] as const;
export type Perspective = (typeof perspectives)[number];

/** An ODS organisation code of an ICB, e.g. QOX. */
export const odsCode = z.string().regex(/^[A-Z0-9]{3,5}$/, 'Enter the ICB’s ODS code, for example QOX');

/** A financial year written as 2025/26. */
export const period = z
  .string()
  .regex(/^\d{4}\/\d{2}$/, 'Enter the period as a financial year, for example 2025/26')
  .refine((text) => (Number(text.slice(0, 4)) + 1) % 100 === Number(text.slice(5)), 'The two years of a period must follow each other, for example 2025/26');

/** Evidence for any criterion the product knows, each optional: absent evidence means "not assessed". */
export const criteriaEvidence = z.strictObject(
  Object.fromEntries(Object.entries(criterionEvidence).map(([id, evidence]) => [id, evidence.schema.optional()])),
);

/** One perspective's evidence about one system for one period: what scoring takes in. */
export const perspectiveEvidence = z.strictObject({
  system: odsCode,
  period,
  perspective: z.enum(perspectives, { error: 'Choose self, peer or assessor' }),
  criteria: criteriaEvidence,
});

export type PerspectiveEvidence = {
  system: string;
  period: string;
  perspective: Perspective;
  criteria: Record<string, { indicators: object; narrative?: { value: string; source: string; asAt: string } } | undefined>;
};

/** Validates evidence, throwing a ValidationError that lists every offending field. Nothing is coerced. */
export function parsePerspectiveEvidence(input: unknown): PerspectiveEvidence {
  const parsed = perspectiveEvidence.safeParse(input);
  if (!parsed.success) throw new ValidationError('The evidence is not valid', issuesOf(parsed.error));
  return parsed.data as PerspectiveEvidence;
}
