import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { SignedInSession } from '../services/session-service.ts';
import type { WebCookies } from './cookies.ts';
import { sameText, type Signer } from './signer.ts';

const nonceFormat = /^[A-Za-z0-9_-]{43}$/;

/**
 * Cross-site request forgery tokens (synchronizer tokens). A signed-in form carries its session's
 * token; the sign-in form, before there is a session, carries a signature of a random nonce kept
 * in a cookie (a signed double submit), which another site can neither read nor forge. Every POST
 * is checked in constant time.
 */
export class CsrfTokens {
  constructor(
    private readonly signer: Signer,
    private readonly cookies: WebCookies,
  ) {}

  /** The token for this page's forms; gives the browser a nonce cookie when it has no session and no nonce yet. */
  tokenFor(request: Request, response: Response, session: SignedInSession | null): string {
    if (session !== null) return session.csrfToken;
    let nonce = this.nonceOf(request);
    if (nonce === null) {
      nonce = randomBytes(32).toString('base64url');
      this.cookies.set(response, 'csrf', nonce);
    }
    return this.signer.sign('csrf', nonce);
  }

  /** Whether any token could be accepted from this browser (a session, or a nonce cookie), checked before its form is read. */
  mayAccept(request: Request, session: SignedInSession | null): boolean {
    return session !== null || this.nonceOf(request) !== null;
  }

  /** Whether a submitted token is the one this browser's forms were given. */
  accepts(request: Request, session: SignedInSession | null, submitted: unknown): boolean {
    if (typeof submitted !== 'string') return false;
    if (session !== null) return sameText(session.csrfToken, submitted);
    const nonce = this.nonceOf(request);
    return nonce !== null && this.signer.verify('csrf', nonce, submitted);
  }

  private nonceOf(request: Request): string | null {
    const nonce = this.cookies.read(request, 'csrf');
    return nonce !== null && nonceFormat.test(nonce) ? nonce : null;
  }
}
