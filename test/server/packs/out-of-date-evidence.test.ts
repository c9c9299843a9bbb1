import { expect } from 'chai';
import type { Page } from 'puppeteer-core';
import { signIn, startTestBrowser, type TestBrowser } from '../../support/browser.ts';
import { hoscEvidenceScoring4 } from '../../support/evidence.ts';
import { pdfText } from '../../support/pdf-tools.ts';
import { RouteRequests } from '../../support/route-requests.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/** The HOSC evidence that scores 4, with the count of sessions as at a date more than 18 months before the end of 2025/26. */
function withOldSessions() {
  const evidence = hoscEvidenceScoring4();
  return { indicators: { ...evidence.indicators, systemSessions: { ...evidence.indicators.systemSessions, asAt: '2024-06-30' } } };
}

describe('Out-of-date evidence is flagged on the form, the check page and in the report appendix, never scored (real server, real Chromium)', function () {
  this.timeout(180_000);
  let web: TestServer;
  let browser: TestBrowser;
  let page: Page;
  const assessments: Record<'current' | 'pinnedTo100', string> = { current: '', pinnedTo100: '' };

  before(async () => {
    web = await startTestServer();
    const requests = new RouteRequests(web);
    for (const [key, system] of [['current', 'QOX'], ['pinnedTo100', 'QHG']] as const) {
      const created = await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system, period: '2025/26' });
      assessments[key] = key === 'current' ? created.body.id : await requests.pinnedToOldestPack(created.body.id);
      expect((await web.call(web.adminToken, 'PUT', `/api/v1/assessments/${assessments[key]}/perspectives/self/criteria/hosc-effectiveness/evidence`, { basedOnVersion: 0, evidence: withOldSessions() })).status).to.equal(200);
    }
    browser = await startTestBrowser(web.url);
    page = await browser.newPage();
    await signIn(browser, page, web.admin);
  });
  after(async () => {
    await browser?.close();
    await web?.stop();
  });

  const mainText = () => page.$eval('main', (main) => (main as HTMLElement).innerText.replace(/\s+/g, ' '));

  it('flags the old item on the evidence form under 1.1.0, with the limit and its paragraph', async () => {
    await browser.visit(page, `/assessments/${assessments.current}/self/hosc-effectiveness`);
    const callout = await page.$eval('#out-of-date', (element) => (element as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
    expect(callout).to.equal('Important: Out of date evidence Evidence as at a date before 30 September 2024 is more than 18 months old at the end of 2025/26 (¶3.130). It is flagged for the people judging it; it does not change the score by itself. Scrutiny sessions on system-level items in the last 12 months: as at 30 June 2024');
  });

  it('flags it on the check-your-answers page', async () => {
    await browser.visit(page, `/assessments/${assessments.current}/self/check`);
    expect(await mainText()).to.contain('Out of date evidence Scrutiny sessions on system-level items in the last 12 months: as at 30 June 2024');
  });

  it('does not change the score: the flagged evidence scores what the same evidence as at a recent date scores', async () => {
    const flagged = (await web.call(web.adminToken, 'GET', `/api/v1/assessments/${assessments.current}/perspectives/self/score`)).body;
    const fresh = await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2024/25' });
    await web.call(web.adminToken, 'PUT', `/api/v1/assessments/${fresh.body.id}/perspectives/self/criteria/hosc-effectiveness/evidence`, { basedOnVersion: 0, evidence: hoscEvidenceScoring4() });
    const recent = (await web.call(web.adminToken, 'GET', `/api/v1/assessments/${fresh.body.id}/perspectives/self/score`)).body;
    const hosc = (result: any) => result.criteria.find((criterion: { criterion: string }) => criterion.criterion === 'hosc-effectiveness');
    expect(hosc(flagged).judgement.outcome).to.deep.equal({ score: 4 });
    expect({ proposed: hosc(flagged).proposed, findings: hosc(flagged).findings }).to.deep.equal({ proposed: hosc(recent).proposed, findings: hosc(recent).findings });
    expect(flagged.rating.percentage).to.equal(recent.rating.percentage);
  });

  it('marks it in the PDF report’s appendix, with the limit', async () => {
    const response = await fetch(`${web.url}/api/v1/assessments/${assessments.current}/report.pdf`, { headers: { authorization: `Bearer ${web.adminToken}` } });
    expect(response.status).to.equal(200);
    const text = (await pdfText(new Uint8Array(await response.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).to.contain('30 June 2024 Out of date');
    expect(text).to.contain('Evidence as at a date before 30 September 2024 is more than 18 months old at the end of 2025/26 and is marked out of date (¶3.130); the mark does not change any score.');
  });

  it('flags nothing for an assessment pinned to 1.0.0, which sets no limit', async () => {
    await browser.visit(page, `/assessments/${assessments.pinnedTo100}/self/hosc-effectiveness`);
    expect(await page.$$('#out-of-date')).to.have.length(0);
    await browser.visit(page, `/assessments/${assessments.pinnedTo100}/self/check`);
    expect(await mainText()).to.not.contain('Out of date');
    const response = await fetch(`${web.url}/api/v1/assessments/${assessments.pinnedTo100}/report.pdf`, { headers: { authorization: `Bearer ${web.adminToken}` } });
    expect((await pdfText(new Uint8Array(await response.arrayBuffer()))).replace(/\s+/g, ' ')).to.not.contain('Out of date');
  });
});
