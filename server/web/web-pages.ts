import type { Express } from 'express';
import type { Logger } from '../log.ts';
import type { Services } from '../services/services.ts';
import { WebCookies } from './cookies.ts';
import { CsrfTokens } from './csrf.ts';
import { FlashMessages } from './flash.ts';
import { mountPages } from './mount-pages.ts';
import type { PageRoute } from './page.ts';
import { PageResponder } from './page-responder.ts';
import { Signer } from './signer.ts';
import { mountStaticAssets } from './static-assets.ts';
import { loadPageViews } from './views.ts';

export interface WebOptions {
  pages: readonly PageRoute[];
  services: Services;
  /** The site key (server/services/site-key.ts) that signs the sign-in form's CSRF token and flash messages. */
  signingKey: Buffer;
  cookieSecure: boolean;
  protectiveMarking: string;
  bodyLimitBytes: number;
  databaseReady: () => boolean;
  log: Logger;
}

/** The web pages: templates compiled once, assets, cookies, CSRF tokens and messages, then the page table. */
export function mountWebPages(app: Express, options: WebOptions): void {
  const cookies = new WebCookies(options.cookieSecure);
  const signer = new Signer(options.signingKey);
  const csrf = new CsrfTokens(signer, cookies);
  const assetPath = mountStaticAssets(app);
  const responder = new PageResponder({ views: loadPageViews(), cookies, csrf, flash: new FlashMessages(signer, cookies), protectiveMarking: options.protectiveMarking, assetPath, log: options.log });
  mountPages(app, options.pages, { services: options.services, responder, cookies, csrf, bodyLimitBytes: options.bodyLimitBytes, databaseReady: options.databaseReady });
}
