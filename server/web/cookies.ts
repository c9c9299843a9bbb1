import type { Request, Response } from 'express';

/** The cookies the web pages use: the session, the sign-in form's CSRF nonce, and the message shown after a redirect. */
export type CookieKind = 'session' | 'csrf' | 'flash';

/**
 * Reads and writes the web pages' cookies: HttpOnly, SameSite=Lax, Path=/, and Secure unless
 * COOKIE_SECURE=false. Secure cookies get the __Host- prefix, which also forbids a Domain, so a
 * sibling subdomain cannot set or overwrite them (the prefix needs Secure, so without it the names are plain).
 */
export class WebCookies {
  private readonly names: Record<CookieKind, string>;

  constructor(private readonly secure: boolean) {
    const prefix = secure ? '__Host-' : '';
    this.names = { session: `${prefix}ics-session`, csrf: `${prefix}ics-csrf`, flash: `${prefix}ics-flash` };
  }

  read(request: Request, kind: CookieKind): string | null {
    const name = this.names[kind];
    for (const pair of (request.headers.cookie ?? '').split(';')) {
      const at = pair.indexOf('=');
      if (at > 0 && pair.slice(0, at).trim() === name) return decodeComponent(pair.slice(at + 1).trim());
    }
    return null;
  }

  /** Sets a cookie; without `maxAgeMs` it lasts until the browser closes (the server's own expiry still applies). */
  set(response: Response, kind: CookieKind, value: string, maxAgeMs?: number): void {
    response.cookie(this.names[kind], value, { httpOnly: true, secure: this.secure, sameSite: 'lax', path: '/', ...(maxAgeMs === undefined ? {} : { maxAge: maxAgeMs }) });
  }

  clear(response: Response, kind: CookieKind): void {
    response.clearCookie(this.names[kind], { httpOnly: true, secure: this.secure, sameSite: 'lax', path: '/' });
  }
}

function decodeComponent(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
