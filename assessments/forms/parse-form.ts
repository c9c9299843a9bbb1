import type { z } from 'zod';
import type { Descriptor } from './describe-schema.ts';
import { pathKey, type FieldPath } from './field-address.ts';
import { isObject } from './form-values.ts';
import { readAnswer } from './read-answer.ts';

/** One problem with what was typed, at the form part it concerns. */
export interface FormProblem {
  path: FieldPath;
  message: string;
}

/**
 * A submitted form, read: the document the schema accepted, or every problem with the answers as
 * typed (rows left wholly blank dropped) so the form can be shown again with nothing lost.
 */
export type FormReading<T> = { ok: true; data: T; values: unknown } | { ok: false; problems: FormProblem[]; values: unknown };

interface Read {
  /** Something was typed here (even if it could not be read). */
  present: boolean;
  /** The value for the document; undefined leaves it out. */
  value: unknown;
  /** What was typed, as the form shows it again. */
  typed: unknown;
}

/**
 * Reads a submitted form (nested as qs parses urlencoded names) into the document its schema
 * describes, then validates it with that schema. An empty answer is no answer: an item left wholly
 * blank is left out, a row left wholly blank is dropped, a list is read to one row past its most
 * (the rest dropped, with the schema's own message for too many); every answer is read strictly
 * (read-answer.ts). Problems reading an answer come first; the schema's own messages follow for
 * the fields that were read, each at the deepest form part its path reaches. Where the schema has
 * no words of its own for an answer left empty (zod's "Invalid input: expected …"), the field's
 * own words are used.
 */
export function parseForm<T>(descriptor: Descriptor, schema: z.ZodType<T>, submitted: unknown): FormReading<T> {
  const problems: FormProblem[] = [];
  const { value, typed } = read(descriptor, submitted, [], problems);
  const parsed = schema.safeParse(value);
  if (parsed.success && problems.length === 0) return { ok: true, data: parsed.data, values: typed };
  const seen = new Set(problems.map((problem) => pathKey(problem.path)));
  for (const issue of parsed.error?.issues ?? []) {
    const { path, part } = deepestPart(descriptor, issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol'));
    if (seen.has(pathKey(path))) continue;
    seen.add(pathKey(path));
    problems.push({ path, message: part.kind === 'field' && issue.code === 'invalid_type' && issue.message.startsWith('Invalid input') ? part.missing : issue.message });
  }
  return { ok: false, problems, values: typed };
}

function read(descriptor: Descriptor, typed: unknown, path: FieldPath, problems: FormProblem[]): Read {
  switch (descriptor.kind) {
    case 'field': {
      const answer = readAnswer(descriptor, typed);
      const shown = descriptor.input === 'date' ? dateShown(typed) : typeof typed === 'string' ? typed : '';
      if (answer.kind === 'invalid') problems.push({ path, message: answer.message });
      if (answer.kind === 'empty') return { present: false, value: descriptor.whenEmpty === 'null' ? null : undefined, typed: shown };
      return { present: true, value: answer.kind === 'value' ? answer.value : undefined, typed: shown };
    }
    case 'group': {
      const object = isObject(typed) ? typed : {};
      const parts = descriptor.children.map((child) => [child, read(child, object[child.key], [...path, child.key], problems)] as const);
      const present = parts.some(([, part]) => part.present);
      const value = Object.fromEntries(parts.filter(([, part]) => part.value !== undefined).map(([child, part]) => [child.key, part.value]));
      const shown = Object.fromEntries(parts.map(([child, part]) => [child.key, part.typed]));
      if (!present && !descriptor.required) return { present, value: descriptor.whenEmpty === 'null' ? null : undefined, typed: shown };
      return { present, value, typed: shown };
    }
    case 'list': {
      // One row past the most is read, so the schema says in its own words that there are too many; the rows past the most are not shown again.
      const rows = rowsOf(typed)
        .filter((row) => !isBlank(row))
        .slice(0, descriptor.maxRows + 1);
      const readRows = rows.map((row, index) => read(descriptor.row, row, [...path, index], problems));
      const present = rows.length > 0;
      const shown = readRows.slice(0, descriptor.maxRows).map((row) => row.typed);
      if (!present && !descriptor.required) return { present, value: descriptor.whenEmpty === 'null' ? null : undefined, typed: shown };
      return { present, value: readRows.map((row) => row.value), typed: shown };
    }
  }
}

/** The rows of a list as submitted: qs gives an array, or an object keyed by index when there are many. */
export function rowsOf(typed: unknown): unknown[] {
  if (Array.isArray(typed)) return typed;
  if (!isObject(typed)) return [];
  return Object.keys(typed)
    .filter((key) => /^\d+$/.test(key))
    .sort((a, b) => Number(a) - Number(b))
    .map((key) => typed[key]);
}

/** Nothing typed anywhere in this part. */
function isBlank(typed: unknown): boolean {
  if (typed === undefined) return true;
  if (typeof typed === 'string') return typed.trim() === '';
  if (Array.isArray(typed)) return typed.every(isBlank);
  if (isObject(typed)) return Object.values(typed).every(isBlank);
  return false;
}

function dateShown(typed: unknown): { day: string; month: string; year: string } {
  const parts = isObject(typed) ? typed : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return { day: text(parts.day), month: text(parts.month), year: text(parts.year) };
}

/** The longest start of a schema issue's path that names a part of the form (a field, group, list or row). */
function deepestPart(descriptor: Descriptor, path: FieldPath): { path: FieldPath; part: Descriptor } {
  const reached: Array<string | number> = [];
  let current: Descriptor = descriptor;
  let index = 0;
  while (index < path.length) {
    const segment = path[index] as string | number;
    if (current.kind === 'group') {
      const child = current.children.find((candidate) => candidate.key === segment);
      if (child === undefined) break;
      current = child;
    } else if (current.kind === 'list') {
      if (typeof segment !== 'number') break;
      current = current.row;
    } else break;
    reached.push(segment);
    index += 1;
  }
  return { path: reached, part: current };
}
