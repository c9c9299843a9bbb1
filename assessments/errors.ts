import type { z } from 'zod';

/** One problem with one field of what someone submitted, addressed by its path in the document. */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * The product's one error hierarchy. Each kind maps to one HTTP status and one page behaviour in
 * one place (server/http/problem.ts); anything else is a bug and is reported without details.
 */
export abstract class ProductError extends Error {
  abstract readonly kind: 'validation' | 'unauthenticated' | 'not-found' | 'forbidden' | 'conflict' | 'too-many' | 'unavailable';
}

/** Submitted input (evidence, a judgement, a request) broke its schema. Lists every offending field. */
export class ValidationError extends ProductError {
  readonly kind = 'validation';
  constructor(
    readonly summary: string,
    readonly issues: readonly FieldIssue[],
  ) {
    super(`${summary}:\n${issues.map((issue) => `  - ${issue.path || '(the whole document)'}: ${issue.message}`).join('\n')}`);
    this.name = 'ValidationError';
  }
}

/** The request did not say who is asking, or said it with an unknown or revoked credential. */
export class UnauthenticatedError extends ProductError {
  readonly kind = 'unauthenticated';
  override name = 'UnauthenticatedError';
}

/** The thing asked for does not exist, or the asker may not know that it does (another tenant's). */
export class NotFoundError extends ProductError {
  readonly kind = 'not-found';
  override name = 'NotFoundError';
}

/** The asker is known but may not do this. */
export class ForbiddenError extends ProductError {
  readonly kind = 'forbidden';
  override name = 'ForbiddenError';
}

/** The write was based on a version that is no longer current, or would duplicate a unique thing. */
export class ConflictError extends ProductError {
  readonly kind = 'conflict';
  override name = 'ConflictError';
  constructor(
    message: string,
    readonly current?: { version: number },
  ) {
    super(message);
  }
}

/** The asker has sent more than their share just now (writes, reports in flight); trying after a while will work. */
export class TooManyRequestsError extends ProductError {
  readonly kind = 'too-many';
  override name = 'TooManyRequestsError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A dependency (the database, the browser) cannot serve the request now; trying later may work. */
export class UnavailableError extends ProductError {
  readonly kind = 'unavailable';
  override name = 'UnavailableError';
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
  ) {
    super(message);
  }
}

/** A rule pack on disk is malformed: every issue names the file and the JSON path. */
export class InvalidRulePackError extends Error {
  constructor(readonly issues: ReadonlyArray<FieldIssue & { file: string }>) {
    super(`The rule pack is invalid:\n${issues.map((issue) => `  - ${issue.file} at ${issue.path}: ${issue.message}`).join('\n')}`);
    this.name = 'InvalidRulePackError';
  }
}

/** Writes a zod path as a readable field path: criteria.hosc-effectiveness.indicators.systemSessions.value */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
}

/** Writes a zod path as a JSON path: $.checks[2].condition.fact */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  const field = fieldPath(path);
  return field === '' ? '$' : field.startsWith('[') ? `$${field}` : `$.${field}`;
}

export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: fieldPath(issue.path), message: issue.message }));
}
