import type { z } from 'zod';
import type { Principal } from '../../assessments/access/roles.ts';
import type { Access } from '../http/route.ts';
import type { Services } from '../services/services.ts';

/** What a page handler is given: who is signed in, the path's params, the query and the submitted form. */
export interface PageRequest {
  /** The signed-in user, or null on a public page when nobody is signed in. */
  principal: Principal | null;
  /** The path's params, as parsed by the route's `params` schema (strings when there is none). */
  params: Record<string, string>;
  query: Record<string, unknown>;
  /** The urlencoded body, parsed with qs (nested names such as sectors[0][name] become objects and arrays); `_csrf` removed. */
  form: Record<string, unknown>;
  services: Services;
  /** The client's network address (the socket's, or behind a proxy trusted by TRUST_PROXY the one it forwards), for sign-in throttling. */
  address: string;
}

/**
 * What a page handler answers: a view to render, a redirect (after a successful POST, with an
 * optional one-line success message shown on the next page), a file to download, or a whole HTML
 * document of the product's own making shown as it is (the report), under the report's own
 * Content-Security-Policy rather than the pages' (it carries inline styles). A redirect's
 * `session` is for the account pages alone: a new session's cookie value to set (sign-in), or null
 * to end the current session (sign-out); either way the session the request came with ends.
 */
export type PageResponse =
  | {
      /** A file under server/web/views without .hbs, e.g. 'assessments/task-list'. */
      view: string;
      /** The page's own title, unique across the product. The layout adds the service name, and prefixes "Error: " when model.errors is a non-empty array. */
      title: string;
      model: Record<string, unknown>;
      status?: number;
      /** Extra response headers, e.g. Retry-After with a 429. */
      headers?: Record<string, string>;
    }
  | { redirect: string; flash?: string; session?: string | null }
  | { download: { body: Buffer | string; type: string; filename: string } }
  | { document: string };

/**
 * One web page (or one form's POST): its path, who may see it (the same access rules as the API,
 * enforced by the same authorise()), its path params' schema (a bad param is a 404) and its handler.
 */
export interface PageRoute {
  method: 'get' | 'post';
  /** Express path, e.g. /assessments/:id */
  path: string;
  access: Access;
  params?: z.ZodObject;
  handle(request: PageRequest): Promise<PageResponse>;
}
