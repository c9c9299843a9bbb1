import type { HelperDelegate, HelperOptions } from 'handlebars';
import { roleNames } from './words.ts';

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Europe/London' });

/** "3 March 2025 at 14:05", in UK time. */
export function dateTimeText(date: Date): string {
  return `${dateFormat.format(date)} at ${timeFormat.format(date)}`;
}

function asDate(value: unknown): Date | null {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  return date === null || Number.isNaN(date.getTime()) ? null : date;
}

function errorFor(errors: unknown, id: unknown): string | null {
  if (!Array.isArray(errors)) return null;
  const error = errors.find((entry: { href?: unknown } | null) => entry?.href === `#${String(id)}`) as { text?: unknown } | undefined;
  return error === undefined ? null : String(error.text);
}

/**
 * The helpers every page view may use. All return plain text, which Handlebars escapes:
 * - `errorFor errors "field-id"`: the message of the error linking to #field-id, else nothing;
 * - `describedBy id hint`: the ids a field's aria-describedby lists (its hint, its error), or nothing;
 * - `eq a b`: whether two values are the same (for selected options and checked radios);
 * - `date value`, `dateTime value`: "3 March 2025", "3 March 2025 at 14:05" (UK time);
 * - `roleName role`: the words for a role ("Peer reviewer").
 */
export const viewHelpers: Record<string, HelperDelegate> = {
  errorFor,
  describedBy: (id: unknown, hint: unknown, options: HelperOptions) => {
    const ids = [hint ? `${String(id)}-hint` : null, errorFor(options.data.root.errors, id) === null ? null : `${String(id)}-error`].filter((entry) => entry !== null);
    return ids.length === 0 ? null : ids.join(' ');
  },
  eq: (a: unknown, b: unknown) => a === b,
  date: (value: unknown) => {
    const date = asDate(value);
    return date === null ? '' : dateFormat.format(date);
  },
  dateTime: (value: unknown) => {
    const date = asDate(value);
    return date === null ? '' : dateTimeText(date);
  },
  roleName: (role: unknown) => roleNames[role as keyof typeof roleNames] ?? String(role),
};
