import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { UnavailableError } from '../../assessments/errors.ts';
import type { Logger } from '../log.ts';

export interface BrowserPoolOptions {
  /** Debian's Chromium by default. */
  executablePath: string;
  /** How many pages render at once. */
  size: number;
  /** How many requests may wait for a page; past that they are refused (503 with Retry-After). */
  maxQueue: number;
  /** The longest one task (set the content and print it) may take. */
  taskTimeoutMs: number;
  /** A page is closed and replaced after this many tasks, so nothing builds up in it. */
  maxUsesPerPage?: number;
  log: Logger;
}

export interface PoolStats {
  /** How many times a browser was started (1 + relaunches). */
  launches: number;
  browserPid: number | null;
  busy: number;
  queued: number;
  completed: number;
  failed: number;
  /** Requests the page made (a URL in a report) that were refused: only data: URLs are let through. */
  refusedRequests: number;
  /** Requests turned away because the queue was full. */
  turnedAway: number;
}

/** Chromium's flags: headless, no sandbox (it runs as an unprivileged pool of report pages), nothing that phones home. */
export const chromiumFlags = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

interface PooledPage {
  page: Page;
  uses: number;
  generation: number;
}

/**
 * One headless Chromium and a pool of pages, made safe to render untrusted text:
 * - JavaScript is disabled in every page and every request is refused except data: URLs, so a
 *   report's content can neither run code nor fetch anything (file:, http:, https: alike);
 * - `size` tasks run at once, up to `maxQueue` wait in line, and the rest are refused at once with
 *   UnavailableError (503 with Retry-After), so a burst of requests cannot exhaust memory;
 * - each task has a timeout, after which its page is closed;
 * - when the browser dies, the tasks it was running fail with UnavailableError and the next task
 *   starts a new browser (with a fresh temporary profile);
 * - `close()` refuses new tasks, lets running ones finish and closes the browser.
 * The browser is started on first use, so a server that makes no report never starts one.
 */
export class BrowserPool {
  private browser: Browser | null = null;
  private launching: Promise<Browser> | null = null;
  private profile: string | null = null;
  private generation = 0;
  private idle: PooledPage[] = [];
  private busy = 0;
  private readonly waiting: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;
  private readonly counts = { launches: 0, completed: 0, failed: 0, refusedRequests: 0, turnedAway: 0 };

  constructor(private readonly options: BrowserPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError(`The pool size must be a whole number of at least 1; got ${options.size}`);
    if (!Number.isInteger(options.maxQueue) || options.maxQueue < 0) throw new RangeError(`The queue length must be a whole number of 0 or more; got ${options.maxQueue}`);
  }

  /** Runs a task on a page of the pool, waiting in line for one if all are busy. */
  async use<T>(task: (page: Page) => Promise<T>): Promise<T> {
    // Tracked from the first moment, so a close() right after this call waits for it.
    const run = this.takeSlot().then(() => this.runInSlot(task));
    this.running.add(run);
    try {
      return await run;
    } finally {
      this.running.delete(run);
    }
  }

  stats(): PoolStats {
    return { ...this.counts, browserPid: this.browser?.process()?.pid ?? null, busy: this.busy, queued: this.waiting.length };
  }

  /** Refuses new tasks and those waiting, lets running tasks finish (each is bounded by its timeout), then closes the browser. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new UnavailableError('The server is shutting down; try again shortly.', 5));
    await Promise.allSettled([...this.running]);
    const browser = this.browser ?? (await this.launching?.catch(() => null)) ?? null;
    this.browser = null;
    if (browser !== null) await browser.close().catch(() => this.killProcessGroup(browser));
    await this.removeProfile();
  }

  private takeSlot(): Promise<void> {
    if (this.closed) return Promise.reject(new UnavailableError('The server is shutting down; try again shortly.', 5));
    if (this.busy < this.options.size) {
      this.busy += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.options.maxQueue) {
      this.counts.turnedAway += 1;
      return Promise.reject(new UnavailableError(`Too many reports are being made just now (${this.busy} rendering, ${this.waiting.length} waiting). Try again in a few seconds.`, 5));
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Hands the slot to the next in line, or frees it. */
  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next === undefined) this.busy -= 1;
    else next.resolve();
  }

  private async runInSlot<T>(task: (page: Page) => Promise<T>): Promise<T> {
    let pooled: PooledPage | null = null;
    let healthy = false;
    let timer: NodeJS.Timeout | undefined;
    try {
      pooled = await this.page();
      const page = pooled.page;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new UnavailableError(`The report took longer than ${Math.round(this.options.taskTimeoutMs / 1000)} s to render and was stopped. Try again.`, 5)), this.options.taskTimeoutMs);
      });
      const result = await Promise.race([task(page), timeout]);
      healthy = true;
      this.counts.completed += 1;
      return result;
    } catch (error) {
      this.counts.failed += 1;
      throw this.explain(error, pooled);
    } finally {
      clearTimeout(timer);
      if (pooled !== null) this.putBack(pooled, healthy);
      this.releaseSlot();
    }
  }

  /** An idle page of the current browser, or a new one (starting the browser if there is none). */
  private async page(): Promise<PooledPage> {
    const idle = this.idle.pop();
    if (idle !== undefined) return idle;
    const browser = await this.currentBrowser();
    const generation = this.generation;
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => this.filter(request));
    return { page, uses: 0, generation };
  }

  /**
   * Only data: URLs (inline images a template might use) get through; anything else is refused and
   * counted. A navigation (a meta refresh, a link) is cancelled rather than failed, so the report's
   * own content stays in the page instead of an error page.
   */
  private filter(request: HTTPRequest): void {
    if (request.isInterceptResolutionHandled()) return;
    if (request.url().startsWith('data:')) {
      void request.continue().catch(() => undefined);
      return;
    }
    this.counts.refusedRequests += 1;
    this.options.log.debug('Report page request refused', { url: request.url().slice(0, 200) });
    void request.abort(request.isNavigationRequest() ? 'aborted' : 'blockedbyclient').catch(() => undefined);
  }

  private putBack(pooled: PooledPage, healthy: boolean): void {
    pooled.uses += 1;
    const keep = healthy && !this.closed && pooled.generation === this.generation && pooled.uses < (this.options.maxUsesPerPage ?? 200) && !pooled.page.isClosed();
    if (keep) this.idle.push(pooled);
    else void pooled.page.close().catch(() => undefined);
  }

  /** Turns what went wrong into what the caller should be told: a dead browser or a timeout is "try again". */
  private explain(error: unknown, pooled: PooledPage | null): unknown {
    if (error instanceof UnavailableError) return error;
    const browserGone = pooled !== null && (pooled.generation !== this.generation || this.browser === null || !this.browser.connected);
    if (browserGone || (pooled === null && this.browser === null)) {
      return new UnavailableError('The PDF renderer stopped while making this report. It restarts by itself: try again.', 2);
    }
    return error;
  }

  private async currentBrowser(): Promise<Browser> {
    if (this.browser !== null && this.browser.connected) return this.browser;
    this.launching ??= this.launch().finally(() => {
      this.launching = null;
    });
    return this.launching;
  }

  private async launch(): Promise<Browser> {
    await this.removeProfile();
    const profile = await mkdtemp(join(tmpdir(), 'ics-report-chromium-'));
    this.profile = profile;
    let browser: Browser;
    try {
      browser = await puppeteer.launch({
        executablePath: this.options.executablePath,
        headless: true,
        pipe: true,
        userDataDir: profile,
        args: chromiumFlags,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        timeout: 30_000,
      });
    } catch (error) {
      await this.removeProfile();
      this.options.log.error('Chromium could not be started for reports', { executablePath: this.options.executablePath, error: error instanceof Error ? error.message : String(error) });
      throw new UnavailableError('The PDF renderer could not be started. Try again later; if this persists, the server needs Chromium (see scripts/ensure-chromium.mjs).', 30);
    }
    this.counts.launches += 1;
    this.generation += 1;
    this.idle = [];
    this.browser = browser;
    browser.once('disconnected', () => {
      if (this.browser !== browser) return;
      this.browser = null;
      this.generation += 1;
      this.idle = [];
      if (!this.closed) this.options.log.warn('The report browser stopped; the next report starts a new one', { pid: browser.process()?.pid ?? null });
      this.killProcessGroup(browser);
    });
    this.options.log.info('Report browser started', { pid: browser.process()?.pid ?? null, pages: this.options.size });
    return browser;
  }

  /** Makes sure no process of a browser we started outlives it (its renderer and utility processes share its group). */
  private killProcessGroup(browser: Browser): void {
    const pid = browser.process()?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }

  private async removeProfile(): Promise<void> {
    const profile = this.profile;
    this.profile = null;
    if (profile !== null) await rm(profile, { recursive: true, force: true }).catch(() => undefined);
  }
}
