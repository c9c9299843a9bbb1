import type { FieldIssue } from '../../../assessments/errors.ts';

/**
 * A service's field issues with the schema's generic words replaced by the form's: zod says
 * "Invalid input: expected number, received undefined" where a form should say "Choose a score".
 * A message the schema or service wrote itself is kept.
 */
export function inFormWords(issues: readonly FieldIssue[], words: Readonly<Record<string, string>>): FieldIssue[] {
  return issues.map((issue) => {
    const better = words[issue.path];
    return better !== undefined && /^Invalid (input|option)/.test(issue.message) ? { ...issue, message: better } : issue;
  });
}
