import type { Request, Response } from 'express';
import type { WebCookies } from './cookies.ts';
import type { Signer } from './signer.ts';

/** How long a message waits for the page after the redirect. */
const lifetimeMs = 60_000;

/**
 * The one-line success message shown on the page after a redirect ("User created"), carried in a
 * short-lived signed cookie so that another site cannot make the product show its words.
 */
export class FlashMessages {
  constructor(
    private readonly signer: Signer,
    private readonly cookies: WebCookies,
  ) {}

  set(response: Response, message: string): void {
    const value = Buffer.from(message, 'utf8').toString('base64url');
    this.cookies.set(response, 'flash', `${value}.${this.signer.sign('flash', value)}`, lifetimeMs);
  }

  /** The waiting message, if any, which is then gone. */
  take(request: Request, response: Response): string | null {
    const cookie = this.cookies.read(request, 'flash');
    if (cookie === null) return null;
    this.cookies.clear(response, 'flash');
    const [value = '', signature = ''] = cookie.split('.');
    return this.signer.verify('flash', value, signature) ? Buffer.from(value, 'base64url').toString('utf8') : null;
  }
}
