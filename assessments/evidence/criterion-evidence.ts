import type { z } from 'zod';
import type { Sourced } from './sourced.ts';

/** A value the rules can compare: what the engine sees as a fact. `null` means "not known". */
export type FactValue = number | string | boolean | null;

/** Numbers and switches a rule pack sets for a criterion, by name (thresholds live in the pack, not here). */
export type PackParameters = Readonly<Record<string, number | string | boolean>>;

/**
 * How one fact the rules compare is derived from a criterion's indicators.
 * Derivation is arithmetic on the evidence (a share, a minimum, a gap); judging it against a
 * threshold is the rule pack's job.
 */
export interface FactDefinition<Indicators> {
  /** Plain-English name shown in findings, e.g. "Recommendations answered within 28 days". */
  label: string;
  /** Unit shown beside the value, e.g. "%" or "sessions". */
  unit?: string;
  /** The indicators this fact is computed from: listed as missing when they are absent. */
  needs: ReadonlyArray<keyof Indicators & string>;
  /** Pack parameters this derivation reads (validated to exist when a pack is loaded). */
  parameters?: readonly string[];
  derive(indicators: Indicators, parameters: PackParameters): FactValue;
}

/** A criterion's evidence: its zod schema (one source for API, forms and JSON Schema) and its facts. */
export interface CriterionEvidence {
  id: string;
  schema: z.ZodType<{ indicators: object }>;
  facts: Readonly<Record<string, DerivedFact>>;
}

/** A fact definition once its criterion's indicator types are no longer needed. */
export interface DerivedFact {
  label: string;
  unit?: string;
  needs: readonly string[];
  parameters?: readonly string[];
  derive(indicators: object, parameters: PackParameters): FactValue;
}

/** Declares a criterion's evidence, checking each fact against the indicators its schema defines. */
export function defineCriterionEvidence<Schema extends z.ZodType<{ indicators: object }>>(evidence: {
  id: string;
  schema: Schema;
  facts: Readonly<Record<string, FactDefinition<z.output<Schema>['indicators']>>>;
}): CriterionEvidence {
  return evidence as unknown as CriterionEvidence;
}

/** The value of an optional sourced indicator, or null when it was not given. */
export function valueOf<T>(item: Sourced<T> | undefined): T | null {
  return item === undefined ? null : item.value;
}

/** Rounds to 2 decimal places so derived shares print and compare cleanly (0.1 + 0.2 style noise). */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
