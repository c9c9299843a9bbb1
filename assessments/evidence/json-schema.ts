import { z } from 'zod';
import { judgements } from '../scoring/judgement.ts';
import { perspectiveEvidence } from './perspective-evidence.ts';
import { criterionEvidence } from './registry.ts';

/** A whole scoring document as the command line reads it (scoring-input.ts): one perspective's evidence and, optionally, judgements. */
const scoringDocument = perspectiveEvidence.extend({ judgements: judgements.optional() });

/**
 * The evidence schemas as JSON Schema (draft 2020-12), for API clients and other tools: of one
 * criterion's evidence, or of a whole scoring document (with its optional judgements). Checks
 * that span fields (e.g. covered ≤ total) are enforced by the API but cannot be expressed here.
 */
export function evidenceJsonSchema(criterion?: string): object {
  if (criterion === undefined) return z.toJSONSchema(scoringDocument, { unrepresentable: 'any' });
  const evidence = criterionEvidence[criterion];
  if (evidence === undefined) throw new RangeError(`Unknown criterion "${criterion}"; known criteria are ${Object.keys(criterionEvidence).join(', ')}`);
  return z.toJSONSchema(evidence.schema, { unrepresentable: 'any' });
}
