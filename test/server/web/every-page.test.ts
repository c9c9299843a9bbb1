import { expect } from 'chai';
import { pageTable } from '../../../server/web/page-table.ts';
import { expectAccessible, problemsOf, signIn, startTestBrowser, type TestBrowser } from '../../support/browser.ts';
import { demoFixture, storeFixture } from '../../support/report-fixtures.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/**
 * Every GET page of the table, opened by an administrator in Chromium: each answers, has its own
 * title, passes axe-core, and meets no CSP violation, script error or failed request. A page with a
 * path param this test has no sample for fails here: add one to `samples`.
 */
describe('Web pages: every page in the table (real Chromium)', function () {
  this.timeout(300_000);
  let web: TestServer;
  let browser: TestBrowser;
  let samples: Record<string, string>;
  before(async () => {
    web = await startTestServer();
    browser = await startTestBrowser(web.url);
    const assessment = await storeFixture((method, path, body) => web.call(web.adminToken, method, path, body), await demoFixture());
    samples = { id: assessment, perspective: 'assessor', criterion: 'hosc-effectiveness', userId: (await web.account('system-user', 'QOX')).userId, code: 'QOX' };
  });
  after(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('gives each page a unique title, and each passes axe-core without refusing anything', async () => {
    const page = await browser.newPage();
    await signIn(browser, page, web.admin);
    const titles = new Map<string, string>();
    // Downloads (a path ending in a file extension, e.g. .csv) are files, not pages.
    for (const route of pageTable.filter((candidate) => candidate.method === 'get' && !/\.[a-z]+$/.test(candidate.path))) {
      const path = route.path.replace(/:(\w+)/g, (_match, name: string) => {
        const value = samples[name];
        if (value === undefined) throw new Error(`No sample value for :${name} in ${route.path}: add one to this test's samples`);
        return encodeURIComponent(value);
      });
      const seen = problemsOf(page).length;
      const response = await browser.visit(page, path);
      expect(response.status(), path).to.be.below(400);
      expect(problemsOf(page).slice(seen), path).to.deep.equal([]);
      const landed = new URL(page.url()).pathname;
      const title = await page.title();
      expect(title, path).to.match(/. – ICS maturity assessment$/).and.not.match(/^Error:/);
      if (landed !== path) continue; // a redirect (the sign-in page, for someone signed in): that page is checked in its own right
      const other = [...titles].find(([, seen]) => seen === title);
      expect(other, `${path} has the same title as ${other?.[0]}: ${title}`).to.equal(undefined);
      titles.set(path, title);
      await expectAccessible(page);
    }
    expect(titles.size).to.be.at.least(9);
  });

  it('titles error pages "Error: …", and they pass axe-core', async () => {
    const page = await browser.newPage();
    await signIn(browser, page, await web.account('peer-reviewer'));
    for (const [path, status, title] of [
      ['/no-such-page', 404, 'Error: Page not found – ICS maturity assessment'],
      ['/admin/users', 403, 'Error: You cannot do that – ICS maturity assessment'],
    ] as const) {
      const response = await browser.visit(page, path);
      expect(response.status(), path).to.equal(status);
      expect(await page.title(), path).to.equal(title);
      await expectAccessible(page);
    }
  });
});
