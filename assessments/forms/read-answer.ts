import type { FieldDescriptor } from './describe-schema.ts';

/** A date as typed in the three boxes of a date input. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** One typed answer, read: nothing typed, a value, or text that is not an answer of its kind. */
export type Answer = { kind: 'empty' } | { kind: 'value'; value: string | number | boolean } | { kind: 'invalid'; message: string };

const empty: Answer = { kind: 'empty' };
const number = /^[-\u2212]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/;

/**
 * Reads what was typed into one field, strictly: spaces around it are trimmed and an empty answer
 * is no answer, but "12abc" is not a number, "yes please" is not yes, and 31 2 2025 is not a date.
 * Nothing is guessed or coerced; the schema then judges the value (ranges, whole numbers, lengths).
 */
export function readAnswer(field: FieldDescriptor, typed: unknown): Answer {
  if (field.input === 'date') return readDate(typed);
  if (typed === undefined) return empty;
  if (typeof typed !== 'string') return { kind: 'invalid', message: 'Give one answer' };
  const text = typed.replace(/\r\n?/g, '\n').trim();
  if (text === '') return empty;
  switch (field.input) {
    case 'number':
      return readNumber(text, field.wholeNumber);
    case 'yes-no':
      return text === 'yes' || text === 'no' ? { kind: 'value', value: text === 'yes' } : { kind: 'invalid', message: 'Choose yes or no' };
    case 'radios':
    case 'select':
      return field.options.some((option) => option.value === text) ? { kind: 'value', value: text } : { kind: 'invalid', message: 'Choose one of the options' };
    case 'text':
    case 'textarea':
      return { kind: 'value', value: text };
  }
}

function readNumber(text: string, wholeNumber: boolean): Answer {
  const example = wholeNumber ? 'Enter a whole number, for example 12' : 'Enter a number, for example 12 or 3.5';
  if (!number.test(text) || !/\d/.test(text)) return { kind: 'invalid', message: example };
  const value = Number(text.replace(/,/g, '').replace('\u2212', '-'));
  return Number.isFinite(value) ? { kind: 'value', value } : { kind: 'invalid', message: example };
}

function readDate(typed: unknown): Answer {
  if (typed === undefined) return empty;
  const parts = typed as Partial<Record<keyof DateParts, unknown>>;
  if (typeof typed !== 'object' || typed === null || Array.isArray(typed)) return { kind: 'invalid', message: 'Enter the date as a day, month and year' };
  const [day, month, year] = (['day', 'month', 'year'] as const).map((part) => (typeof parts[part] === 'string' ? (parts[part] as string).trim() : parts[part] === undefined ? '' : null));
  if (day === null || month === null || year === null) return { kind: 'invalid', message: 'Enter the date as a day, month and year' };
  if (day === '' && month === '' && year === '') return empty;
  const missing = [['a day', day], ['a month', month], ['a year', year]].filter(([, value]) => value === '').map(([name]) => name);
  if (missing.length > 0) return { kind: 'invalid', message: `The date must include ${missing.join(' and ')}` };
  if (![day, month].every((value) => /^\d{1,2}$/.test(value as string)) || !/^\d+$/.test(year as string)) return { kind: 'invalid', message: 'Enter the date in numbers, for example 31 3 2025' };
  if (!/^\d{4}$/.test(year as string)) return { kind: 'invalid', message: 'Enter the year as 4 numbers, for example 2025' };
  const text = `${year}-${(month as string).padStart(2, '0')}-${(day as string).padStart(2, '0')}`;
  const date = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(text)) return { kind: 'invalid', message: 'Enter a real date, for example 31 3 2025' };
  return { kind: 'value', value: text };
}
