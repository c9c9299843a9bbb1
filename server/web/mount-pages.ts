import type { Express, Request, Response } from 'express';
import { NotFoundError, UnauthenticatedError, UnavailableError } from '../../assessments/errors.ts';
import { authorise } from '../http/authorise.ts';
import type { Services } from '../services/services.ts';
import type { SignedInSession } from '../services/session-service.ts';
import type { WebCookies } from './cookies.ts';
import type { CsrfTokens } from './csrf.ts';
import { errorPageFor, formExpired, pageNotFound } from './error-page.ts';
import { formReader } from './form-body.ts';
import { signedInForm, signedOutForm } from './form-limits.ts';
import type { PageRoute } from './page.ts';
import type { PageResponder } from './page-responder.ts';

/** A form's token as views.ts makes it (a random UUID). */
const formToken = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface PageMountOptions {
  services: Services;
  responder: PageResponder;
  cookies: WebCookies;
  csrf: CsrfTokens;
  bodyLimitBytes: number;
  /** False while the database is disconnected: pages then answer 503 at once. */
  databaseReady: () => boolean;
}

/**
 * Mounts each page of the table: the database must be up (503), the session cookie names the
 * principal, the path's params must parse (404), the access rule is enforced by the API's own
 * authorise() (not signed in: to the sign-in page; another tenant's: 404; not allowed: 403; signed
 * in with a one-time password: to changing it, whatever the page), every
 * POST must carry its CSRF token (403, nothing changed), a repeat of a signed-in form's POST (same
 * form token) gets the first one's redirect instead of applying again, then the handler answers. A POST's form is
 * read within limits (server/web/form-limits.ts), smaller with no session, and not at all when it
 * is refused anyway (not signed in, or no CSRF cookie without a session). A ValidationError
 * is the handler's to show on its form; any other error becomes an error page. Ends with the
 * "Page not found" page for every other address outside the API.
 */
export function mountPages(app: Express, pages: readonly PageRoute[], options: PageMountOptions): void {
  const { services, responder, cookies, csrf, databaseReady } = options;
  const readForm = { signedOut: formReader(signedOutForm), signedIn: formReader(signedInForm(options.bodyLimitBytes, services.packs.list())) };

  for (const page of pages) {
    app[page.method](page.path, async (request: Request, response: Response) => {
      let session: SignedInSession | null = null;
      /** This POST's claim on its form's token (form-submissions.ts), while it is being handled. */
      let submission: string | null = null;
      const cookie = cookies.read(request, 'session');
      try {
        if (!databaseReady()) throw new UnavailableError('The database cannot be reached just now, so nothing was read or changed. Try again in a few seconds.', 5);
        session = cookie === null ? null : await services.sessions.find(cookie);
        // Signed in with a one-time password: nothing else until they set their own (a POST changes nothing).
        if (session?.mustChangePassword === true && !passwordPages.has(page.path)) return responder.send(request, response, session, { redirect: '/account/password' });
        const params = parseParams(page, request.params as Record<string, string>);
        if (page.method === 'post') {
          // Refused before the body is read where it cannot be valid: a page for the signed-in with nobody signed in, no CSRF cookie to check a token against.
          if (session === null) await authorise(page.access, null, params, {}, services);
          if (!csrf.mayAccept(request, session)) return responder.error(request, response, session, formExpired);
        }
        const form = page.method === 'post' ? await readForm[session === null ? 'signedOut' : 'signedIn'](request, response) : {};
        await authorise(page.access, session?.principal ?? null, params, form, services);
        if (page.method === 'post') {
          if (!csrf.accepts(request, session, form._csrf)) return responder.error(request, response, session, formExpired);
          delete form._csrf;
          submission = session !== null && typeof form._form === 'string' && formToken.test(form._form) ? `${session.id}:${form._form}:${request.path}` : null;
          delete form._form;
          const first = submission === null ? null : await services.formSubmissions.claim(submission);
          if (first !== null) {
            submission = null;
            return responder.send(request, response, session, first.flash === null ? { redirect: first.redirect } : { redirect: first.redirect, flash: first.flash });
          }
          if (session !== null) services.writeRate.take(session.principal.userId);
        }
        const result = await page.handle({ principal: session?.principal ?? null, params, query: request.query as Record<string, unknown>, form, services, address: request.ip ?? request.socket.remoteAddress ?? 'unknown' });
        if ('redirect' in result && result.session !== undefined && cookie !== null) await services.sessions.end(cookie);
        if (submission !== null) {
          if ('redirect' in result && result.session === undefined) await services.formSubmissions.complete(submission, { redirect: result.redirect, flash: result.flash ?? null });
          else await services.formSubmissions.release(submission);
          submission = null;
        }
        responder.send(request, response, session, result);
      } catch (error) {
        if (submission !== null) await services.formSubmissions.release(submission).catch(() => undefined);
        if (error instanceof UnauthenticatedError) {
          if (cookie !== null) cookies.clear(response, 'session');
          const next = page.method === 'get' ? request.originalUrl : request.path;
          return response.redirect(303, `/sign-in?next=${encodeURIComponent(next)}`);
        }
        responder.error(request, response, session, errorPageFor(error), error);
      }
    });
  }

  app.use(async (request: Request, response: Response) => {
    const cookie = databaseReady() ? cookies.read(request, 'session') : null;
    const session = cookie === null ? null : await services.sessions.find(cookie).catch(() => null);
    responder.error(request, response, session, pageNotFound);
  });
}

/** The pages someone who must change their password may still use. */
const passwordPages = new Set(['/account/password', '/sign-out']);

/** A path that does not name a valid thing names nothing: 404. */
function parseParams(page: PageRoute, params: Record<string, string>): Record<string, string> {
  if (page.params === undefined) return { ...params };
  const parsed = page.params.safeParse(params);
  if (!parsed.success) throw new NotFoundError('Nothing is found at this address');
  return parsed.data as Record<string, string>;
}
