import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Logger } from '../log.ts';
import { reportPreviewPolicy } from '../reports/preview-policy.ts';
import type { SignedInSession } from '../services/session-service.ts';
import type { WebCookies } from './cookies.ts';
import type { CsrfTokens } from './csrf.ts';
import type { ErrorPage } from './error-page.ts';
import type { FlashMessages } from './flash.ts';
import { navigationFor } from './navigation.ts';
import type { PageResponse } from './page.ts';
import type { PageViews } from './views.ts';

export interface PageResponderOptions {
  views: PageViews;
  cookies: WebCookies;
  csrf: CsrfTokens;
  flash: FlashMessages;
  protectiveMarking: string;
  /** Where the versioned stylesheets and scripts are served, e.g. /assets/3f2a9c1e7b04. */
  assetPath: string;
  log: Logger;
}

const serviceName = 'ICS maturity assessment';

/**
 * Turns what a page handler answered into the HTTP response: a view in the layout (with what
 * every page needs added to its model), a 303 redirect with its message, a download or a document
 * shown under the report's policy; and an
 * error into an error page. Pages are never cached (securityHeaders() says so for every response): they show what one person may see.
 */
export class PageResponder {
  constructor(private readonly options: PageResponderOptions) {}

  send(request: Request, response: Response, session: SignedInSession | null, result: PageResponse): void {
    if ('view' in result) {
      this.view(request, response, session, result);
    } else if ('redirect' in result) {
      if (!result.redirect.startsWith('/') || result.redirect.startsWith('//') || result.redirect.startsWith('/\\')) throw new Error(`A page may only redirect within the service, not to ${result.redirect}`);
      if (result.session === null) this.options.cookies.clear(response, 'session');
      else if (result.session !== undefined) {
        this.options.cookies.set(response, 'session', result.session);
        this.options.cookies.clear(response, 'csrf');
      }
      if (result.flash !== undefined) this.options.flash.set(response, result.flash);
      response.redirect(303, result.redirect);
    } else if ('document' in result) {
      response.status(200).type('html').set('Content-Security-Policy', reportPreviewPolicy).send(result.document);
    } else {
      const filename = result.download.filename.replace(/[^A-Za-z0-9._-]+/g, '-');
      response.status(200).type(result.download.type).set('Content-Disposition', `attachment; filename="${filename}"`).set('Cache-Control', 'private, no-store').send(result.download.body);
    }
  }

  /** Renders an error page; an unexpected error is logged with a reference the page shows, and nothing else of it. */
  error(request: Request, response: Response, session: SignedInSession | null, page: ErrorPage, error?: unknown): void {
    let message = page.message;
    if (page.unexpected) {
      const reference = randomUUID();
      this.options.log.error('Unexpected error on a page', { reference, method: request.method, path: request.originalUrl, error: error instanceof Error ? error.stack : String(error) });
      message = `${message} Reference: ${reference}.`;
    }
    response.set(page.headers);
    this.view(request, response, session, { view: 'error', title: page.title, status: page.status, model: { heading: page.heading, message } });
  }

  private view(request: Request, response: Response, session: SignedInSession | null, page: Extract<PageResponse, { view: string }>): void {
    const { views, csrf, flash, protectiveMarking, assetPath } = this.options;
    const errors = Array.isArray(page.model.errors) ? page.model.errors : [];
    const principal = session?.principal ?? null;
    const html = views.render(page.view, {
      errors: [],
      calibrationLabel: null,
      ...page.model,
      pageTitle: `${errors.length > 0 ? 'Error: ' : ''}${page.title} – ${serviceName}`,
      csrfToken: csrf.tokenFor(request, response, session),
      principal,
      flash: flash.take(request, response),
      protectiveMarking,
      nav: navigationFor(principal, request.path),
      assetPath,
    });
    response.status(page.status ?? 200).set(page.headers ?? {}).type('html').send(html);
  }
}
