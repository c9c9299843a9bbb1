import { expect } from 'chai';
import type { Page } from 'puppeteer-core';
import { hoscEvidenceScoring4 } from '../../support/evidence.ts';
import { signIn, startTestBrowser, type TestBrowser } from '../../support/browser.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const assessorSecret = 'ASSESSOR-SECRET: every session was quorate and well attended';

describe('Web pages in Chromium: a peer reviewer does not see the assessor’s scores until they are revealed', function () {
  this.timeout(300_000);
  let web: TestServer;
  let browser: TestBrowser;
  let peer: Page;
  let id: string;
  let assessorToken: string;

  before(async () => {
    web = await startTestServer();
    const team = await web.tokenFor('system-user', 'QOX');
    assessorToken = await web.tokenFor('assessor');
    const call = async (token: string, method: string, path: string, body?: unknown) => {
      const response = await web.call(token, method, path, body);
      if (response.status >= 300) throw new Error(`${method} ${path} gave ${response.status}: ${JSON.stringify(response.body)}`);
      return response.body;
    };
    id = (await call(team, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' })).id;
    await call(team, 'PUT', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness/evidence`, { basedOnVersion: 0, evidence: hoscEvidenceScoring4() });
    await call(team, 'POST', `/api/v1/assessments/${id}/status`, { to: 'submitted', version: 1, acknowledgeEmptyCriteria: true });
    await call(assessorToken, 'PUT', `/api/v1/assessments/${id}/perspectives/assessor/criteria/hosc-effectiveness/evidence`, { basedOnVersion: 0, evidence: hoscEvidenceScoring4() });
    await call(assessorToken, 'PUT', `/api/v1/assessments/${id}/perspectives/assessor/criteria/hosc-effectiveness/judgement`, { basedOnVersion: 0, judgement: { decision: 'override', score: 2, rationale: assessorSecret } });
    await call(assessorToken, 'POST', `/api/v1/assessments/${id}/status`, { to: 'in-review', version: 2 });
    browser = await startTestBrowser(web.url);
    peer = await browser.newPage();
    await signIn(browser, peer, await web.account('peer-reviewer'));
  });
  after(async () => {
    await browser?.close();
    await web?.stop();
  });

  /** Each page that could show the assessor's scores, as the peer reviewer's browser gets it: its status and its text. */
  async function pagesSeenByPeer(): Promise<Array<{ path: string; status: number; text: string }>> {
    const seen = [];
    for (const path of ['', '/assessor', '/assessor/check', '/assessor/hosc-effectiveness', '/assessor/hosc-effectiveness/history', '/history', '/calibration', '/report', '/report.html']) {
      const response = await browser.visit(peer, `/assessments/${id}${path}`);
      seen.push({ path, status: response.status(), text: await peer.evaluate(() => document.documentElement.innerText) });
    }
    return seen;
  }

  it('hides them on every page while blind, and shows them once an assessor reveals the scores', async () => {
    const blind = await pagesSeenByPeer();
    expect(blind.filter((entry) => entry.text.includes('ASSESSOR-SECRET')).map((entry) => entry.path)).to.deep.equal([]);
    expect(blind.filter((entry) => entry.status === 403).map((entry) => entry.path)).to.deep.equal(['/assessor/hosc-effectiveness', '/assessor/hosc-effectiveness/history']);

    expect((await web.call(assessorToken, 'POST', `/api/v1/assessments/${id}/reveal`, { reason: 'The peer review team could not finish its review.' })).status).to.equal(200);
    const revealed = await pagesSeenByPeer();
    expect(revealed.filter((entry) => entry.status >= 400).map((entry) => entry.path)).to.deep.equal([]);
    for (const path of ['/assessor/hosc-effectiveness/history', '/report.html']) expect(revealed.find((entry) => entry.path === path)?.text, path).to.contain('ASSESSOR-SECRET');
  });
});
