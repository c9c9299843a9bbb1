import type { z } from 'zod';
import { issuesOf, type FieldIssue } from '../../assessments/errors.ts';

/** One error as the error summary lists it: the message, and a link to the field it is about. */
export interface PageError {
  href: string;
  text: string;
}

/** The id of the field for a path: "sectors[0].name" → "sectors-0-name" (ids and paths then agree without a table). */
function fieldId(path: string): string {
  return path.replace(/[^A-Za-z0-9_]+/g, '-').replace(/^-+|-+$/g, '') || 'main';
}

/**
 * A form's errors for the error summary and the field errors (`model.errors`), from a service's
 * ValidationError issues. Each links to the field its path names; `ids` maps paths whose field has
 * another id (e.g. a group of radios or a date), and the first error per field is kept.
 */
export function pageErrors(issues: readonly FieldIssue[], ids: Readonly<Record<string, string>> = {}): PageError[] {
  const errors: PageError[] = [];
  for (const issue of issues) {
    const href = `#${ids[issue.path] ?? fieldId(issue.path)}`;
    if (!errors.some((error) => error.href === href)) errors.push({ href, text: issue.message });
  }
  return errors;
}

/** The same, from a zod error of a form's schema. */
export function zodPageErrors(error: z.ZodError, ids: Readonly<Record<string, string>> = {}): PageError[] {
  return pageErrors(issuesOf(error), ids);
}
