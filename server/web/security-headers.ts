import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** The pages' Content-Security-Policy: everything from this origin only, no inline script or style, no framing. */
export const pagePolicy = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'object-src': ["'none'"],
};

/** Every answer is for one person (or may be): no shared cache keeps it, and no browser stores it. */
export const privateNoStore = 'private, no-store';

/**
 * Security headers: every response starts as `Cache-Control: private, no-store` (the versioned
 * assets alone set their own, as they are the same for everyone). The API keeps helmet's defaults (its reference page at /api/v1/docs has an
 * inline stylesheet, which they allow, and the report preview sets its own stricter policy); the web pages and
 * their assets get the strict policy above and may not be framed at all.
 */
export function securityHeaders(): RequestHandler {
  const api = helmet();
  const pages = helmet({ contentSecurityPolicy: { useDefaults: false, directives: pagePolicy }, xFrameOptions: { action: 'deny' } });
  return (request, response, next) => {
    response.set('Cache-Control', privateNoStore);
    (request.path === '/api' || request.path.startsWith('/api/') ? api : pages)(request, response, next);
  };
}
