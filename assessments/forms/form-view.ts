import type { Descriptor, FieldDescriptor, FieldInput, GroupDescriptor, ListDescriptor } from './describe-schema.ts';
import { fieldId, fieldName, pathKey, type FieldPath } from './field-address.ts';
import { sentences } from './field-words.ts';
import { isObject } from './form-values.ts';
import { rowsOf, type FormProblem } from './parse-form.ts';
import type { DateParts } from './read-answer.ts';
import { addRowValue, removeRowValue } from './row-actions.ts';

/**
 * One field as a template renders it: its control's id (the first radio's, for radios) and name,
 * its label (with the unit a number is in), what to show in it, and its error. The error summary
 * links to the id (to the day box of a date).
 */
export interface FieldView {
  kind: 'field';
  input: FieldInput;
  id: string;
  name: string;
  label: string;
  hint: string | null;
  error: string | null;
  /** What the control shows: the text typed, or the value chosen. */
  value: string;
  /** The three boxes of a date, as typed. */
  date: (DateParts & { names: DateParts; ids: DateParts }) | null;
  /** The choices of radios or a select (a select starts with an empty "Choose" option). Radio n (from 0) has the id `id-n`, the first just `id`. */
  options: Array<{ value: string; text: string }>;
}

export interface GroupView {
  kind: 'group';
  id: string;
  /** Null for a group that only holds others (the form's root, the indicators). */
  legend: string | null;
  hint: string | null;
  error: string | null;
  parts: PartView[];
}

export interface ListView {
  kind: 'list';
  id: string;
  legend: string | null;
  hint: string | null;
  error: string | null;
  rows: Array<{ id: string; legend: string; parts: PartView[]; remove: { value: string; label: string } }>;
  /** The "Add another" button, or null when the list is full. */
  add: { value: string; label: string } | null;
}

export type PartView = FieldView | GroupView | ListView;

/** The form as a template renders it, with the error summary's links in the order the fields appear. */
export interface FormView {
  parts: PartView[];
  errors: Array<{ href: string; text: string }>;
}

/**
 * Builds the view of a form from its descriptor, the answers to show (saved or as typed) and the
 * problems found with them. Each list shows its rows and at least one blank row to type in.
 */
export function formView(descriptor: GroupDescriptor, values: unknown, problems: readonly FormProblem[]): FormView {
  const messages = new Map<string, string>();
  for (const problem of problems) if (!messages.has(pathKey(problem.path))) messages.set(pathKey(problem.path), problem.message);
  const errors: FormView['errors'] = [];
  const walk = (part: Descriptor, value: unknown, path: FieldPath, context: readonly string[]): PartView => {
    const error = messages.get(pathKey(path)) ?? null;
    const id = fieldId(path);
    switch (part.kind) {
      case 'field': {
        const view = fieldView(part, value, path, error);
        if (error !== null) errors.push({ href: `#${view.date === null ? view.id : view.date.ids.day}`, text: summaryText(context, part.label === null || part.key === 'value' ? null : part.label, error) });
        return view;
      }
      case 'group': {
        if (error !== null) errors.push({ href: `#${id}`, text: summaryText(context, part.label, error) });
        const inner = part.label === null ? context : [...context, part.label];
        const object = isObject(value) ? value : {};
        return { kind: 'group', id, legend: part.label, hint: part.hint, error, parts: part.children.map((child) => walk(child, object[child.key], [...path, child.key], inner)) };
      }
      case 'list':
        if (error !== null) errors.push({ href: `#${id}`, text: summaryText(context, part.label, error) });
        return listView(part, value, path, error, (row, rowValue, rowPath, legend) => walk(row, rowValue, rowPath, [...context, legend]) as GroupView);
    }
  };
  const root = walk(descriptor, values, [], []) as GroupView;
  return { parts: root.parts, errors };
}

function listView(list: ListDescriptor, value: unknown, path: FieldPath, error: string | null, walkRow: (row: GroupDescriptor, value: unknown, path: FieldPath, legend: string) => GroupView): ListView {
  // Never more rows than the list may hold, whatever was sent.
  const typed = rowsOf(value).slice(0, list.maxRows);
  const rows = typed.length === 0 ? [{}] : typed;
  const noun = list.rowNoun;
  return {
    kind: 'list',
    id: fieldId(path),
    legend: list.label,
    hint: list.hint,
    error,
    rows: rows.map((row, index) => {
      const legend = `${capitalised(noun)} ${index + 1}`;
      return { id: fieldId([...path, index]), legend, parts: walkRow(list.row, row, [...path, index], legend).parts, remove: { value: removeRowValue(path, index), label: `Remove ${noun} ${index + 1}` } };
    }),
    add: rows.length >= list.maxRows ? null : { value: addRowValue(path), label: `Add another ${noun}` },
  };
}

function fieldView(field: FieldDescriptor, value: unknown, path: FieldPath, error: string | null): FieldView {
  const id = fieldId(path);
  const name = fieldName(path);
  const hint = sentences([field.hint, field.input === 'number' ? rangeHint(field) : null]);
  const typed = typeof value === 'string' ? value : '';
  const parts = isObject(value) ? value : {};
  const part = (key: keyof DateParts) => (typeof parts[key] === 'string' ? (parts[key] as string) : '');
  const options = field.options.map((option) => ({ value: option.value, text: option.label }));
  const label = field.label ?? field.key;
  return {
    kind: 'field',
    input: field.input,
    id,
    name,
    label: field.unit === null ? label : `${label} (${field.unit})`,
    hint,
    error,
    value: typed,
    date:
      field.input === 'date'
        ? { day: part('day'), month: part('month'), year: part('year'), names: { day: `${name}[day]`, month: `${name}[month]`, year: `${name}[year]` }, ids: { day: `${id}-day`, month: `${id}-month`, year: `${id}-year` } }
        : null,
    options: field.input === 'select' ? [{ value: '', text: 'Choose one' }, ...options] : options,
  };
}

/** "A whole number from 0 to 50", "A percentage from 0 to 100", "A number of 1 or more". */
function rangeHint(field: FieldDescriptor): string {
  const kind = field.unit === '%' ? 'A percentage' : field.wholeNumber ? 'A whole number' : 'A number';
  const show = (number: number) => number.toLocaleString('en-GB');
  if (field.min !== null && field.max !== null) return `${kind} from ${show(field.min)} to ${show(field.max)}`;
  if (field.min !== null) return `${kind} of ${show(field.min)} or more`;
  if (field.max !== null) return `${kind} of ${show(field.max)} or less`;
  return kind;
}

/** The error summary's words: which question (and row and field) the message is about, then the message. */
function summaryText(context: readonly string[], label: string | null, message: string): string {
  const where = [...context, ...(label === null ? [] : [label])];
  return where.length === 0 ? message : `${where.join(', ')}: ${message}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
