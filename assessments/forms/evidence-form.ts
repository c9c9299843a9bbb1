import type { CriterionEvidence } from '../evidence/criterion-evidence.ts';
import { describeSchema, type GroupDescriptor } from './describe-schema.ts';

/**
 * The form of a criterion's evidence, from its zod schema: each indicator a group of its value,
 * source and as-at date, then the narrative. A number takes the unit of the fact of the same name
 * (systemSessions → "sessions"); a share given in per cent ("…Percent") shows "%".
 */
export function evidenceForm(evidence: CriterionEvidence): GroupDescriptor {
  const descriptor = describeSchema(evidence.schema, (key) => evidence.facts[key]?.unit ?? (key.endsWith('Percent') ? '%' : null));
  if (descriptor.kind !== 'group') throw new TypeError(`The evidence schema of ${evidence.id} must be an object`);
  return descriptor;
}
