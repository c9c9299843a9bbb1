import { z } from 'zod';
import type { CriterionEvidence } from './criterion-evidence.ts';

/** The description a criterion's schema gives an indicator (its form label), or its key. */
export function indicatorLabel(evidence: CriterionEvidence, indicator: string): string {
  const shape = indicatorShape(evidence);
  return shape[indicator]?.description ?? indicator;
}

/** The fields of a criterion's `indicators` object, each a sourced item schema. */
export function indicatorShape(evidence: CriterionEvidence): Record<string, z.ZodType> {
  const schema = evidence.schema;
  if (!(schema instanceof z.ZodObject)) throw new TypeError(`The evidence schema of ${evidence.id} must be an object`);
  const indicators = schema.shape.indicators;
  if (!(indicators instanceof z.ZodObject)) throw new TypeError(`The indicators of ${evidence.id} must be an object`);
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(indicators.shape as Record<string, z.ZodType>)) {
    shape[key] = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
  }
  return shape;
}
