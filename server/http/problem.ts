import { ProductError, type FieldIssue } from '../../assessments/errors.ts';
import { isDatabaseUnreachable } from '../persistence/database-errors.ts';

/** An RFC 9457 problem: what every API error looks like (application/problem+json). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldIssue[];
  currentVersion?: number;
}

export interface ProblemResponse {
  problem: Problem;
  headers: Record<string, string>;
  /** True when the error was not one we expected: it is logged in full, and the caller told nothing of it. */
  unexpected: boolean;
}

const titles: Record<ProductError['kind'], [number, string]> = {
  validation: [400, 'The request is not valid'],
  unauthenticated: [401, 'Sign in first'],
  forbidden: [403, 'You may not do that'],
  'not-found': [404, 'Not found'],
  conflict: [409, 'Conflict'],
  'too-many': [429, 'Too many requests'],
  unavailable: [503, 'Unavailable'],
};

/** The one place where errors become HTTP responses. Never includes a stack trace. */
export function problemFor(error: unknown, { saving = false }: { saving?: boolean } = {}): ProblemResponse {
  const make = (status: number, title: string, detail: string, extra: Partial<Problem> = {}, headers: Record<string, string> = {}, unexpected = false): ProblemResponse => ({
    problem: { type: 'about:blank', title, status, detail, ...extra },
    headers,
    unexpected,
  });
  if (error instanceof ProductError) {
    const [status, title] = titles[error.kind];
    const detail = 'summary' in error ? String(error.summary) : error.message;
    const extra: Partial<Problem> = {};
    if ('issues' in error) extra.errors = [...(error.issues as FieldIssue[])];
    if ('current' in error && error.current !== undefined) extra.currentVersion = (error.current as { version: number }).version;
    const headers: Record<string, string> = {};
    if (error.kind === 'unavailable' || error.kind === 'too-many') headers['Retry-After'] = String((error as unknown as { retryAfterSeconds: number }).retryAfterSeconds);
    if (error.kind === 'unauthenticated') headers['WWW-Authenticate'] = 'Bearer realm="ics-maturity"';
    return make(status, title, detail, extra, headers);
  }
  if (isDatabaseUnreachable(error)) {
    // A connection lost mid-save may have lost only the reply: the saved version may be there.
    const detail = saving
      ? 'The database stopped answering while this was being saved, so it may or may not have been kept. Try again in a few seconds; reload first to see the latest version (a save based on an old version is refused, so nothing is saved twice).'
      : 'The database cannot be reached just now, so nothing was read or changed. Try again in a few seconds.';
    return make(503, 'Unavailable', detail, {}, { 'Retry-After': '5' });
  }
  const bodyError = error as { type?: string; status?: number; limit?: number };
  switch (bodyError.type) {
    case 'entity.too.large':
      return make(413, 'The request is too large', `The body must be at most ${bodyError.limit ?? 'the configured'} bytes.`);
    case 'entity.parse.failed':
      return make(400, 'The request is not valid', 'The body is not valid JSON.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return make(415, 'Unsupported encoding', 'Send the body as UTF-8 JSON.');
    case 'entity.verify.failed':
      return make(400, 'The request is not valid', 'The body is not valid UTF-8.');
    default:
      return make(500, 'Something went wrong', 'The server could not complete the request. It has been logged; nothing more is shown here.', {}, {}, true);
  }
}
