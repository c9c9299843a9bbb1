import { z } from 'zod';
import { perspectiveEvidence } from './perspective-evidence.ts';
import { criterionEvidence } from './registry.ts';

/**
 * The evidence schemas as JSON Schema (draft 2020-12), for API clients and other tools. Checks
 * that span fields (e.g. covered ≤ total) are enforced by the API but cannot be expressed here.
 */
export function evidenceJsonSchema(criterion?: string): object {
  if (criterion === undefined) return z.toJSONSchema(perspectiveEvidence, { unrepresentable: 'any' });
  const evidence = criterionEvidence[criterion];
  if (evidence === undefined) throw new RangeError(`Unknown criterion "${criterion}"; known criteria are ${Object.keys(criterionEvidence).join(', ')}`);
  return z.toJSONSchema(evidence.schema, { unrepresentable: 'any' });
}
