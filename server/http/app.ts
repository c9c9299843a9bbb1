import express, { type NextFunction, type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.ts';
import type { Services } from '../services/services.ts';
import { withRequestMemo } from '../persistence/request-memo.ts';
import { securityHeaders } from '../web/security-headers.ts';
import { mountWebPages, type WebOptions } from '../web/web-pages.ts';
import { mountRoutes } from './mount-routes.ts';
import { problemFor } from './problem.ts';
import type { Route } from './route.ts';

export interface AppOptions {
  services: Services;
  routes: readonly Route[];
  bodyLimitBytes: number;
  log: Logger;
  /** False while the database is disconnected: requests that need it get 503 at once. */
  databaseReady: () => boolean;
  /** Express's 'trust proxy' (TRUST_PROXY): which proxies' X-Forwarded-For to believe for the client's address; false by default. */
  trustProxy?: boolean | number | string;
  /** The web pages (server/web/page-table.ts) and what they need beyond the API's options. */
  web: Pick<WebOptions, 'pages' | 'signingKey' | 'cookieSecure' | 'protectiveMarking'>;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The express application: security headers, JSON bodies within the limit, the route table, problems; then the web pages. */
export function createApp({ services, routes, bodyLimitBytes, log, databaseReady, web, trustProxy = false }: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy);
  app.set('query parser', 'simple');
  app.use((_request, _response, next) => withRequestMemo(next));
  app.use(securityHeaders());
  app.use(
    '/api',
    express.json({
      limit: bodyLimitBytes,
      type: ['application/json', 'application/*+json'],
      // Invalid UTF-8 is refused rather than silently replaced.
      verify: (_request, _response, buffer) => {
        strictUtf8.decode(buffer);
      },
    }),
  );
  mountRoutes(app, routes, services, databaseReady);
  app.use('/api', (request: Request, _response: Response, next: NextFunction) => next(Object.assign(new Error(), { type: 'route.missing', path: request.path })));
  mountWebPages(app, { ...web, services, bodyLimitBytes, databaseReady, log });
  app.use((error: unknown, request: Request, response: Response, _next: NextFunction) => {
    if ((error as { type?: string }).type === 'route.missing') {
      response.status(404).type('application/problem+json').json({ type: 'about:blank', title: 'Not found', status: 404, detail: `There is no API at ${request.method} ${request.originalUrl.split('?')[0]}` });
      return;
    }
    const { problem, headers, unexpected } = problemFor(error, { saving: request.method !== 'GET' && request.method !== 'HEAD' });
    if (unexpected) {
      const reference = randomUUID();
      log.error('Unexpected error', { reference, method: request.method, path: request.originalUrl, error: error instanceof Error ? error.stack : String(error) });
      problem.detail = `${problem.detail} Reference: ${reference}.`;
    } else if (problem.status === 503) {
      log.warn('Service unavailable', { path: request.originalUrl, detail: problem.detail });
    }
    response.status(problem.status).set(headers).type('application/problem+json').json(problem);
  });
  return app;
}
