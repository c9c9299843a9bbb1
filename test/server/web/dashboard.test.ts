import { expect } from 'chai';
import type { Page } from 'puppeteer-core';
import { expectAccessible, fillForm, signIn, startTestBrowser, submitForm, type TestBrowser } from '../../support/browser.ts';
import { demoFixture, draftFixture, storeFixture } from '../../support/report-fixtures.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { WebClient } from '../../support/web-client.ts';

describe('Web pages: the dashboard (real Chromium)', function () {
  this.timeout(180_000);
  let web: TestServer;
  let browser: TestBrowser;
  let demo: string;
  let draft: string;
  before(async () => {
    web = await startTestServer();
    browser = await startTestBrowser(web.url);
    const call = (method: string, path: string, body?: unknown) => web.call(web.adminToken, method, path, body);
    demo = await storeFixture(call, await demoFixture()); // QOX, in review, three perspectives
    draft = await storeFixture(call, { ...(await draftFixture()), system: 'QKK' }); // a London self-assessment
    await call('POST', '/api/v1/assessments', { system: 'QHG', period: '2024/25' }); // no evidence yet
  });
  after(async () => {
    await browser?.close();
    await web?.stop();
  });

  /** Each table's caption, then its rows' cells. */
  const tables = (page: Page) =>
    page.$$eval('main table', (found) => found.map((table) => [table.querySelector('caption')?.textContent?.trim(), ...[...table.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()))]));

  it('shows an administrator every assessment, grouped by status, with the agreed rating the rating API gives; it passes axe-core', async () => {
    const page = await browser.newPage();
    await signIn(browser, page, web.admin);
    const assessor = (await web.call(web.adminToken, 'GET', `/api/v1/assessments/${demo}/rating`)).body.rating;
    const self = (await web.call(web.adminToken, 'GET', `/api/v1/assessments/${draft}/rating`)).body.rating;
    expect(await tables(page)).to.deep.equal([
      ['Draft', ['NHS South East London Integrated Care Board (QKK)', 'London', '2025/26', `${self.final.label}, ${self.percentage}% (provisional) — 7 from the self-assessment`], ['NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board (QHG)', 'East of England', '2024/25', 'No evidence yet']],
      ['In review', ['NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board (QOX)', 'South West', '2025/26', `${assessor.final.label}, ${assessor.percentage}%${assessor.provisional ? ' (provisional)' : ''} — 2 moderated by the panel and 8 from the assessor`]],
    ]);
    expect(await page.$eval('.app-calibration-banner', (banner) => banner.textContent)).to.contain('Indicative — not a published rating');
    expect(await page.$eval(`a[href="/assessments/${demo}"]`, (link) => link.textContent)).to.contain('(QOX)');
    await expectAccessible(page);
  });

  it('filters by status, period and region with a GET form, keeping the choices', async () => {
    const page = await browser.newPage();
    await signIn(browser, page, web.admin);
    await fillForm(page, { '#status': 'draft', '#period': '2025/26' });
    await submitForm(page, 'form.app-filters');
    expect(new URL(page.url()).search).to.equal('?status=draft&period=2025%2F26&region=');
    expect((await tables(page)).map((table) => table.slice(1).map((row) => row?.[0]))).to.deep.equal([['NHS South East London Integrated Care Board (QKK)']]);
    expect(await page.$eval('#status', (select) => (select as HTMLSelectElement).value)).to.equal('draft');
    await browser.visit(page, '/?region=South+West');
    expect((await tables(page)).map((table) => table[0])).to.deep.equal(['In review']);
    await browser.visit(page, '/?status=published');
    expect(await page.$eval('main', (main) => main.textContent)).to.contain('No assessment you can see matches these filters.');
    await browser.visit(page, '/?status=nonsense&period=9999&page=-3');
    expect(await tables(page), 'a filter that is not one of the choices filters nothing').to.have.length(2);
  });

  it('shows a system user only their own system’s assessments, and another system’s assessment page is a 404', async () => {
    const client = new WebClient(web.url);
    await client.signIn(await web.account('system-user', 'QKK'));
    const dashboard = await client.get('/');
    expect(dashboard.html).to.contain('(QKK)').and.not.contain('(QOX)').and.not.contain('(QHG)');
    expect((await client.get(`/assessments/${demo}`)).status).to.equal(404);
  });

  it('says so when someone can see no assessment yet', async () => {
    const client = new WebClient(web.url);
    await client.signIn(await web.account('board-viewer', 'QHL'));
    expect((await client.get('/')).html).to.contain('There are no assessments you can see yet.');
  });
});
