import { pathKey, type FieldPath } from './field-address.ts';
import { isObject } from './form-values.ts';
import { rowsOf } from './parse-form.ts';

/**
 * "Add another" and "Remove" without JavaScript: each is a submit button of the form, named
 * `rowAction`, whose value says which list and row. The page shows the form again with the row
 * added or removed and every other answer as typed; nothing is saved until the form is saved.
 */
export type RowAction = { kind: 'add'; list: FieldPath } | { kind: 'remove'; list: FieldPath; index: number };

/** The name of the submit buttons that add and remove rows. */
export const rowActionName = 'rowAction';

export function addRowValue(list: FieldPath): string {
  return `add:${pathKey(list)}`;
}

export function removeRowValue(list: FieldPath, index: number): string {
  return `remove:${pathKey(list)}:${index}`;
}

/** The row action a submitted form asks for, or null (a save, or a value that names no action). */
export function rowActionOf(form: Readonly<Record<string, unknown>>): RowAction | null {
  const value = form[rowActionName];
  if (typeof value !== 'string') return null;
  const match = /^(add|remove):([A-Za-z0-9.]+)(?::(\d+))?$/.exec(value);
  if (match === null) return null;
  const list = (match[2] as string).split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  if (match[1] === 'add') return match[3] === undefined ? { kind: 'add', list } : null;
  return match[3] === undefined ? null : { kind: 'remove', list, index: Number(match[3]) };
}

/** The typed answers with the row added (a blank one at the end) or removed; the rest untouched. */
export function withRowAction(values: unknown, action: RowAction): unknown {
  return changeAt(values, action.list, (rows) => (action.kind === 'add' ? [...rows, {}] : rows.filter((_row, index) => index !== action.index)));
}

function changeAt(values: unknown, path: FieldPath, change: (rows: unknown[]) => unknown[]): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return change(rowsOf(values));
  if (typeof head === 'number') {
    const rows = rowsOf(values);
    return rows.map((row, index) => (index === head ? changeAt(row, rest, change) : row));
  }
  const object = isObject(values) ? values : {};
  return { ...object, [head]: changeAt(object[head], rest, change) };
}
