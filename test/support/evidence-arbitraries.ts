import fc from 'fast-check';
import { evidenceJsonSchema } from '../../assessments/evidence/json-schema.ts';
import { parsePerspectiveEvidence, type PerspectiveEvidence } from '../../assessments/evidence/perspective-evidence.ts';
import { criterionEvidence } from '../../assessments/evidence/registry.ts';
import { evidenceByOutcome } from './evidence-from-cases.ts';

/** The parts of JSON Schema (draft 2020-12) that the evidence schemas use. */
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}

const isoDatePattern = '^\\d{4}-\\d{2}-\\d{2}$';

/** Real calendar dates, as the evidence writes them. */
const isoDates = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));

/**
 * Values that fit a JSON Schema, across its whole range: any number between its bounds (or any
 * finite double without them), any Unicode text within its lengths, optional properties present or
 * not, arrays from their shortest allowed. Fails loudly on a keyword it does not know, so a new kind
 * of field cannot be skipped silently.
 */
export function valuesOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  if (schema.anyOf !== undefined) return fc.oneof(...schema.anyOf.map(valuesOf));
  switch (schema.type) {
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      return fc.record(Object.fromEntries(properties.map(([name, property]) => [name, valuesOf(property)])), { requiredKeys: (schema.required ?? []).filter((name) => properties.some(([known]) => known === name)) });
    }
    case 'array':
      return fc.array(valuesOf(schema.items ?? {}), { minLength: schema.minItems ?? 0, maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 6, 6)) });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? Number.MIN_SAFE_INTEGER, max: schema.maximum ?? Number.MAX_SAFE_INTEGER });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, ...(schema.minimum === undefined ? {} : { min: schema.minimum }), ...(schema.maximum === undefined ? {} : { max: schema.maximum }) });
    case 'boolean':
      return fc.boolean();
    case 'string':
      if (schema.pattern === isoDatePattern) return isoDates;
      if (schema.pattern !== undefined) throw new Error(`No generator for strings matching ${schema.pattern}`);
      return fc.string({ unit: 'grapheme', minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 60, 60) });
    default:
      throw new Error(`No generator for the JSON Schema ${JSON.stringify(schema).slice(0, 200)}`);
  }
}

/**
 * Evidence for one criterion that its zod schema accepts, as the schema parses it: either built
 * afresh from its JSON Schema, or the pack's case evidence for one of its outcomes with some indicators dropped and
 * others given new values (so thresholds are crossed from both sides). Only what validates is kept.
 */
function criterionEvidenceOf(criterion: string, cases: readonly object[]): fc.Arbitrary<object> {
  const schema = evidenceJsonSchema(criterion) as JsonSchema;
  const indicators = schema.properties?.indicators?.properties ?? {};
  const names = Object.keys(indicators);
  // A few changes at a time, so that the outcomes the cases reach (3s and 4s included) stay within reach.
  const newValues = fc.record(Object.fromEntries(names.map((name) => [name, valuesOf(indicators[name]?.properties?.value ?? {})])));
  const mutated = fc.tuple(fc.constantFrom(...cases), fc.subarray(names, { maxLength: 2 }), fc.subarray(names, { maxLength: 2 }), newValues).map(([base, dropped, changed, values]) => {
    const given = { ...((base as { indicators?: Record<string, object> }).indicators ?? {}) };
    for (const name of dropped) delete given[name];
    for (const name of changed) given[name] = { source: 'Property test', asAt: '2025-03-31', ...given[name], value: values[name] };
    return { ...base, indicators: given };
  });
  const zod = criterionEvidence[criterion]!.schema;
  return fc
    .oneof({ arbitrary: mutated, weight: 3 }, { arbitrary: valuesOf(schema), weight: 1 })
    .map((candidate) => zod.safeParse(candidate))
    .filter((parsed) => parsed.success)
    .map((parsed) => parsed.data as object);
}

/** Whole perspectives of evidence that validate: any subset of the criteria, each as above. */
export async function perspectiveEvidenceArbitrary(): Promise<fc.Arbitrary<PerspectiveEvidence>> {
  const library = await evidenceByOutcome();
  const criteria = Object.fromEntries(Object.keys(criterionEvidence).map((criterion) => [criterion, criterionEvidenceOf(criterion, [...(library.get(criterion)?.values() ?? [{ indicators: {} }])])]));
  return fc
    .record({ perspective: fc.constantFrom('self', 'peer', 'assessor'), criteria: fc.record(criteria, { requiredKeys: [] }) })
    .map(({ perspective, criteria: given }) => parsePerspectiveEvidence({ system: 'QOX', period: '2025/26', perspective, criteria: given }));
}
