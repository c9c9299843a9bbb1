import { z } from 'zod';
import { isoDate } from '../evidence/sourced.ts';
import { choiceLabel, labelAndHint, missingAnswer, rowNoun, sourcedPartWords } from './field-words.ts';

/** How an answer is typed: each kind is read strictly from what was typed (see read-answer.ts). */
export type FieldInput = 'number' | 'date' | 'text' | 'textarea' | 'yes-no' | 'radios' | 'select';

interface DescriptorBase {
  /** The key of this part in its parent object (the list's key for a list). */
  key: string;
  label: string | null;
  /** Hint text: what the answer should look like, and the paragraphs of the review it rests on. */
  hint: string | null;
  /** False when the schema lets the part be left out (optional) or empty (nullable). */
  required: boolean;
  /** What an empty answer becomes: left out (optional or required: the schema then says what is missing), or null. */
  whenEmpty: 'absent' | 'null';
}

export interface FieldDescriptor extends DescriptorBase {
  kind: 'field';
  input: FieldInput;
  options: ReadonlyArray<{ value: string; label: string }>;
  min: number | null;
  max: number | null;
  wholeNumber: boolean;
  unit: string | null;
  /** What to say when the schema needs this answer and it was left empty (used when the schema has no words of its own). */
  missing: string;
}

export interface GroupDescriptor extends DescriptorBase {
  kind: 'group';
  children: Descriptor[];
}

export interface ListDescriptor extends DescriptorBase {
  kind: 'list';
  /** What one row is called, e.g. "sector". */
  rowNoun: string;
  /** The most rows the schema allows: a form shows and reads no more (a list without a most is refused). */
  maxRows: number;
  /** One row: a group of fields. */
  row: GroupDescriptor;
}

export type Descriptor = FieldDescriptor | GroupDescriptor | ListDescriptor;

/** The unit shown beside a number, by the key of the part it is typed in. */
export type UnitOf = (key: string) => string | null;

/** Choices up to this many are radios; more are a select. */
const mostRadios = 4;
/** Text that may be longer than this is typed in a textarea. */
const longestSingleLine = 500;

/**
 * Describes the form that fills a zod schema: one descriptor per object (a group), array (a list
 * of rows) or answer (a field), with labels and hints from the schemas' descriptions. Throws on a
 * schema part no form can fill, so a new kind of evidence fails its test rather than a page.
 */
export function describeSchema(schema: z.ZodType, unitOf: UnitOf = () => null): Descriptor {
  return describe(schema, '', unitOf, null);
}

/**
 * `sourcedKey` is the key of the sourced item this part belongs to, if it is one of an item's parts:
 * the item's value takes its unit and row names from the item ("partnerSurvey" rows are sectors).
 */
function describe(schema: z.ZodType, key: string, unitOf: UnitOf, sourcedKey: string | null): Descriptor {
  let inner = schema;
  let required = true;
  let whenEmpty: 'absent' | 'null' = 'absent';
  let text = schema.description ?? null;
  for (;;) {
    if (inner instanceof z.ZodOptional) required = false;
    else if (inner instanceof z.ZodNullable) {
      required = false;
      whenEmpty = 'null';
    } else break;
    inner = inner.unwrap() as z.ZodType;
    text ??= inner.description ?? null;
  }
  const words = wordsFor(key, text, sourcedKey !== null);
  const ownKey = sourcedKey !== null && key === 'value' ? sourcedKey : key;
  const base = { key, label: words.label, hint: words.hint, required, whenEmpty };

  if (inner instanceof z.ZodObject) {
    const shape = inner.shape as Record<string, z.ZodType>;
    // A sourced item: its value with its source and as-at date.
    const sourced = ['value', 'source', 'asAt'].every((part) => part in shape) && Object.keys(shape).length === 3;
    return { ...base, kind: 'group', children: Object.entries(shape).map(([childKey, child]) => describe(child, childKey, unitOf, sourced ? key : null)) };
  }
  if (inner instanceof z.ZodArray) {
    const element = inner.element as z.ZodType;
    if (!(element instanceof z.ZodObject)) throw new TypeError(`A form cannot fill a list of ${element.type} at "${ownKey}": lists hold rows of fields`);
    const maxRows = maxLength(inner);
    if (maxRows === null) throw new TypeError(`A form cannot fill the list at "${ownKey}" without a most rows: give its schema a .max()`);
    const row = describe(element, ownKey, unitOf, null) as GroupDescriptor;
    // A sourced item's list needs no label of its own: the item's question heads it.
    return { ...base, label: sourcedKey === null ? base.label : null, kind: 'list', rowNoun: rowNoun(ownKey), maxRows, row };
  }
  const answer = answerOf(inner, ownKey, unitOf);
  const partMissing = sourcedKey !== null && (key === 'source' || key === 'asAt') ? sourcedPartWords[key].missing : null;
  return { ...base, kind: 'field', ...answer, missing: partMissing ?? missingAnswer[answer.input] };
}

/** The label and hint of a part: its description split from the paragraphs it cites, or the shared words of a sourced item's parts. */
function wordsFor(key: string, description: string | null, inSourced: boolean): { label: string | null; hint: string | null } {
  if (inSourced && (key === 'value' || key === 'source' || key === 'asAt')) return { label: sourcedPartWords[key].label, hint: sourcedPartWords[key].hint };
  return description === null ? { label: null, hint: null } : labelAndHint(description);
}

function answerOf(schema: z.ZodType, key: string, unitOf: UnitOf): Omit<FieldDescriptor, keyof DescriptorBase | 'kind' | 'missing'> {
  const none = { options: [], min: null, max: null, wholeNumber: false, unit: null };
  if (isDate(schema)) return { ...none, input: 'date' };
  if (schema instanceof z.ZodNumber) {
    return { ...none, input: 'number', min: finiteOrNull(schema.minValue), max: finiteOrNull(schema.maxValue), wholeNumber: schema.isInt, unit: unitOf(key) };
  }
  if (schema instanceof z.ZodBoolean) return { ...none, input: 'yes-no', options: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] };
  if (schema instanceof z.ZodEnum) {
    const options = (schema.options as string[]).map((value) => ({ value, label: choiceLabel(value) }));
    return { ...none, input: options.length <= mostRadios ? 'radios' : 'select', options };
  }
  if (schema instanceof z.ZodString) {
    const maxLength = schema.maxLength;
    return { ...none, input: maxLength !== null && maxLength <= longestSingleLine ? 'text' : 'textarea' };
  }
  throw new TypeError(`A form cannot fill "${key}": ${schema.type} is not a number, date, yes or no, choice or text`);
}

/** The checks that make isoDate a date: a copy of it (`isoDate.describe(…)`) carries the same ones. */
const dateChecks = new Set(isoDate._zod.def.checks ?? []);

function isDate(schema: z.ZodType): boolean {
  return schema instanceof z.ZodString && (schema._zod.def.checks ?? []).some((check) => dateChecks.has(check));
}

function finiteOrNull(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : value;
}

/** The most rows an array's max check allows (zod 4 keeps it on the check's definition), or null. */
function maxLength(schema: z.ZodArray): number | null {
  for (const entry of schema._zod.def.checks ?? []) {
    const definition = entry._zod.def as { check: string; maximum?: number };
    if (definition.check === 'max_length') return definition.maximum ?? null;
  }
  return null;
}
