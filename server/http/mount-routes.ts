import type { Express, NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { NotFoundError, UnavailableError, ValidationError, issuesOf } from '../../assessments/errors.ts';
import type { Services } from '../services/services.ts';
import { authorise } from './authorise.ts';
import { principalFromBearer } from './bearer-token.ts';
import type { Route } from './route.ts';

/**
 * Mounts each route of the table on the app: content type, authentication, the declared access
 * rule, a write's place in its user's write rate (429), then the params, query and body validated
 * by the route's zod schemas, then the handler.
 */
export function mountRoutes(app: Express, routes: readonly Route[], services: Services, databaseReady: () => boolean): void {
  for (const route of routes) {
    app[route.method](route.path, async (request: Request, response: Response, next: NextFunction) => {
      try {
        if (route.body !== undefined && !request.is('application/json')) {
          response.status(415).type('application/problem+json').json({ type: 'about:blank', title: 'Unsupported media type', status: 415, detail: 'Send the body as application/json.' });
          return;
        }
        // Fail at once, not after the driver's server-selection timeout, while the database is away.
        if (route.access.kind !== 'public' && !databaseReady()) throw new UnavailableError('The database cannot be reached just now, so nothing was read or changed. Try again in a few seconds.', 5);
        // Public routes ignore credentials, so a stale token cannot break a health check or the reference.
        const principal = route.access.kind === 'public' ? null : await principalFromBearer(request, services.identity);
        const params = route.params === undefined ? {} : parseParams(route.params, request.params);
        await authorise(route.access, principal, params as Record<string, string>, request.body, services);
        if (route.method !== 'get' && principal !== null) services.writeRate.take(principal.userId);
        const query = route.query === undefined ? noQuery(request.query) : parse(route.query, request.query, 'query');
        const body = route.body === undefined ? undefined : parse(route.body, request.body, '');
        const result = await route.handle({ principal, params, query, body, services });
        response.status(result.status).set(result.headers ?? {});
        if (result.type !== undefined) response.type(result.type).send(result.body);
        else if (result.body === undefined) response.end();
        else response.json(result.body);
      } catch (error) {
        next(error);
      }
    });
  }
}

/** A route that declares no query takes none: unknown parameters are refused, as unknown fields are. */
function noQuery(input: unknown): Record<string, never> {
  const names = Object.keys((input ?? {}) as object);
  if (names.length > 0) throw new ValidationError('The query is not valid', names.map((name) => ({ path: `query.${name}`, message: 'This address takes no query parameters' })));
  return {};
}

/** A path that does not name a valid thing names nothing: 404, not 400. */
function parseParams(schema: z.ZodType, input: unknown): unknown {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new NotFoundError(`Nothing is found at this address (${parsed.error.issues.map((issue) => issue.message).join('; ')})`);
  return parsed.data;
}

function parse(schema: z.ZodType, input: unknown, prefix: string): unknown {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = issuesOf(parsed.error).map((issue) => ({ ...issue, path: prefix === '' ? issue.path : issue.path === '' ? prefix : `${prefix}.${issue.path}` }));
    throw new ValidationError(prefix === 'query' ? 'The query is not valid' : 'The body is not valid', issues);
  }
  return parsed.data;
}
