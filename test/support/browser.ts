/*
 * One real headless Chromium per test file, for tests of the web pages. Use it like this:
 *
 *   let web: TestServer; let browser: TestBrowser;
 *   before(async () => { web = await startTestServer(); browser = await startTestBrowser(web.url); });
 *   after(async () => { await browser?.close(); await web?.stop(); });
 *
 *   it('…', async () => {
 *     const page = await browser.newPage();                  // its own cookies (a fresh browser context)
 *     await signIn(browser, page, await web.account('assessor'));   // lands on the dashboard
 *     await browser.visit(page, `/assessments/${id}`);
 *     await fillForm(page, { '#email': 'x@example.org', '#role-1': true, '#system': 'QOX' });
 *     await submitForm(page);                                // clicks the form's submit button, waits for the next page
 *     expect(await errorSummary(page)).to.deep.equal(['Enter …']);
 *     await expectAccessible(page);                          // axe-core: no WCAG 2.2 AA violations
 *   });
 *
 * The pages' Content-Security-Policy stays in force (axe is evaluated through the DevTools protocol,
 * which the policy does not govern), and `problemsOf(page)` lists any CSP violation, script error
 * or failed request the page met, so a test can also show that nothing was refused.
 */
import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type BrowserContext, type HTTPResponse, type Page } from 'puppeteer-core';

export interface TestBrowser {
  /** A new page in a new browser context: it shares no cookies with any other page. */
  newPage(): Promise<Page>;
  /** Opens a path of the server under test and waits for the page to load; returns the response. */
  visit(page: Page, path: string): Promise<HTTPResponse>;
  close(): Promise<void>;
}

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const problems = new WeakMap<Page, string[]>();

export async function startTestBrowser(baseUrl: string): Promise<TestBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'ics-test-browser-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({ executablePath, headless: true, pipe: true, userDataDir: profile, args: flags, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const contexts: BrowserContext[] = [];
  return {
    async newPage() {
      const context = await browser.createBrowserContext();
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      const seen: string[] = [];
      problems.set(page, seen);
      page.on('console', (message) => {
        if (message.type() === 'error') seen.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => seen.push(`script error: ${error instanceof Error ? error.message : String(error)}`));
      page.on('requestfailed', (request) => seen.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`));
      return page;
    },
    async visit(page, path) {
      const response = await page.goto(new URL(path, baseUrl).href, { waitUntil: 'load' });
      if (response === null) throw new Error(`No response for ${path}`);
      return response;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** What went wrong in a page so far: console errors (CSP violations are reported there), script errors, failed requests. */
export function problemsOf(page: Page): string[] {
  return [...(problems.get(page) ?? [])];
}

/** Signs in through the sign-in page and waits for the page it leads to (the dashboard, or `next`). */
export async function signIn(browser: TestBrowser, page: Page, account: { email: string; password: string }, next?: string): Promise<void> {
  await browser.visit(page, next === undefined ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`);
  await fillForm(page, { '#email': account.email, '#password': account.password });
  await submitForm(page);
}

/**
 * Fills fields by CSS selector: text inputs and textareas are cleared then typed into, selects get
 * the option with that value, and radios or checkboxes given `true` are clicked.
 */
export async function fillForm(page: Page, fields: Record<string, string | true>): Promise<void> {
  for (const [selector, value] of Object.entries(fields)) {
    const kind = await page.$eval(selector, (element) => (element instanceof HTMLSelectElement ? 'select' : element instanceof HTMLInputElement && (element.type === 'radio' || element.type === 'checkbox') ? 'choice' : 'text'));
    if (kind === 'select') await page.select(selector, String(value));
    else if (kind === 'choice') await page.click(selector);
    else {
      await page.$eval(selector, (element) => {
        (element as HTMLInputElement).value = '';
      });
      await page.type(selector, String(value));
    }
  }
}

/** Submits a form by clicking its submit button (the first form in main, or the one holding `selector`) and waits for the next page. */
export async function submitForm(page: Page, selector = 'main form'): Promise<HTTPResponse | null> {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(`${selector} [type="submit"]`)]);
  return response;
}

/** The messages in the page's error summary, in order (empty when there is none). */
export function errorSummary(page: Page): Promise<string[]> {
  return page.$$eval('.nhsuk-error-summary__list a', (links) => links.map((link) => link.textContent?.trim() ?? ''));
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core on the page for WCAG 2.2 level A and AA and returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(await axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) }));
  });
}

/** Fails with each violation listed when axe-core finds any on the page. */
export async function expectAccessible(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${await page.title()}:\n${violations.map((violation) => `  ${violation.id} (${violation.impact}): ${violation.help} at ${violation.targets.join(', ')}`).join('\n')}`).to.deep.equal([]);
}
