import { expect } from 'chai';
import type { Page } from 'puppeteer-core';
import { evidenceByOutcome } from '../../support/evidence-from-cases.ts';
import { expectAccessible, problemsOf, signIn, startTestBrowser, type TestBrowser } from '../../support/browser.ts';
import { pdfText } from '../../support/pdf-tools.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('the trend and national pages and the report’s trend chart (real Chromium, real database)', function () {
  this.timeout(180_000);
  let web: TestServer;
  let browser: TestBrowser;
  let page: Page;
  const ids = new Map<string, string>();

  const assess = async (system: string, period: string, profile: Record<string, number>) => {
    const library = await evidenceByOutcome();
    const created = await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system, period });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    for (const [criterion, outcome] of Object.entries(profile)) {
      const saved = await web.call(web.adminToken, 'PUT', `/api/v1/assessments/${created.body.id}/perspectives/self/criteria/${criterion}/evidence`, { basedOnVersion: 0, evidence: library.get(criterion)!.get(outcome) });
      expect(saved.status).to.equal(200);
    }
    ids.set(`${system} ${period}`, created.body.id);
  };
  const reportPdf = async (id: string) => {
    const response = await fetch(`${web.url}/api/v1/assessments/${id}/report.pdf`, { headers: { authorization: `Bearer ${web.adminToken}` } });
    expect(response.status).to.equal(200);
    return (await pdfText(new Uint8Array(await response.arrayBuffer()))).replace(/\s+/g, ' ');
  };

  before(async () => {
    web = await startTestServer();
    await assess('QXU', '2025/26', { 'hosc-effectiveness': 2, 'learning-culture': 2, 'prevention-shift': 2 });
    await assess('QNX', '2025/26', { 'hosc-effectiveness': 3, 'learning-culture': 3 });
    await assess('S9B9J', '2026/27', { 'hosc-effectiveness': 3, 'learning-culture': 4, 'prevention-shift': 3 });
    browser = await startTestBrowser(web.url);
    page = await browser.newPage();
    await signIn(browser, page, web.admin);
  });
  after(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('the trend page shows each predecessor’s series under its name, then the system’s, with the chart; it passes axe-core', async () => {
    await browser.visit(page, '/systems/S9B9J/trend');
    expect(await page.title()).to.equal('Trend: NHS Surrey and Sussex Integrated Care Board (S9B9J) – ICS maturity assessment');
    const headings = await page.$$eval('main h2', (elements) => elements.map((element) => element.textContent?.replace(/\s+/g, ' ').trim()));
    expect(headings).to.deep.equal([
      'NHS Frimley Integrated Care Board (QNQ): until 1 April 2026 Predecessor',
      'NHS Sussex Integrated Care Board (QNX): until 1 April 2026 Predecessor',
      'NHS Surrey Heartlands Integrated Care Board (QXU): until 1 April 2026 Predecessor',
      'NHS Surrey and Sussex Integrated Care Board (S9B9J)',
    ]);
    expect(await page.$eval('#trend-chart title', (title) => title.textContent)).to.equal('Rating across periods: NHS Surrey and Sussex Integrated Care Board');
    expect(await page.$eval('a[download]', (link) => link.getAttribute('href'))).to.equal('/systems/S9B9J/trend.csv');
    await expectAccessible(page);
    expect(problemsOf(page)).to.deep.equal([]);
  });

  it('the national view shows the merged system beside its predecessors; it passes axe-core', async () => {
    await browser.visit(page, '/national?period=2026/27');
    const row = await page.$$eval('main tbody tr', (rows) => rows.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => (cell as HTMLElement).innerText.replace(/\s+/g, ' ').trim())).find((cells) => cells[0]?.includes('(S9B9J)')));
    expect(row?.[2]).to.not.equal('Not assessed');
    expect(row?.[3]).to.contain('NHS Surrey Heartlands Integrated Care Board (QXU)').and.contain('NHS Sussex Integrated Care Board (QNX)');
    await expectAccessible(page);
    await browser.visit(page, '/national?period=2026');
    expect(await page.title()).to.match(/^Error: National view/);
    await expectAccessible(page);
  });

  it('the PDF report of a system with two periods has the trend chart; with one period it has none', async () => {
    const merged = await reportPdf(ids.get('S9B9J 2026/27')!);
    expect(merged).to.contain('Trend across periods').and.contain('NHS Surrey Heartlands Integrated Care Board (QXU)');
    const html = await web.call(web.adminToken, 'GET', `/api/v1/assessments/${ids.get('S9B9J 2026/27')}/report`);
    expect(html.body).to.match(/<svg [^>]*id="trend-chart"/);
    const single = await web.call(web.adminToken, 'GET', `/api/v1/assessments/${ids.get('QNX 2025/26')}/report`);
    expect(single.body).to.not.contain('id="trend-chart"');
  });
});
