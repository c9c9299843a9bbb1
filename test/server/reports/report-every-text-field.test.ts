import { expect } from 'chai';
import { reportPreviewPolicy } from '../../../server/reports/preview-policy.ts';
import { expectAccessible, problemsOf, signIn, startTestBrowser } from '../../support/browser.ts';
import { taintEveryTextField, startWitness } from '../../support/hostile-markup.ts';
import { pdfText } from '../../support/pdf-tools.ts';
import { demoFixture, storeFixture } from '../../support/report-fixtures.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const withoutSpace = (text: string) => text.replace(/\s+/g, '');
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// report-safety.test.ts tries every kind of markup in a few fields; this puts markup in every text
// field there is (generated from the evidence schemas), and checks each one the report shows.
describe('report safety: markup in every text field of the evidence is shown as text (real Chromium)', function () {
  this.timeout(180000);
  let witness: Awaited<ReturnType<typeof startWitness>>;
  let api: TestServer;
  let id: string;
  let payloads: Map<string, string>;

  before(async () => {
    witness = await startWitness();
    api = await startTestServer();
    const tainted = taintEveryTextField(await demoFixture(), witness.port);
    payloads = tainted.payloads;
    const system = await api.call(api.adminToken, 'POST', '/api/v1/systems', { odsCode: 'QZY', onsCode: 'E54999998', name: tainted.fixture.systemName, shortName: 'Tainted', region: tainted.fixture.systemName.slice(0, 100), inForceFrom: '2022-07-01' });
    expect(system.status, JSON.stringify(system.body)).to.equal(201);
    id = await storeFixture((method, path, body) => api.call(api.adminToken, method, path, body), { ...tainted.fixture, system: 'QZY' });
  });
  after(async () => {
    await api?.stop();
    await new Promise((resolve) => witness.server.close(resolve));
  });

  const shownIn = (text: string) => [...payloads.keys()].filter((marker) => text.includes(marker));

  it('puts markup in every field that takes text: sources, narratives, names, titles, rationales, ambitions', () => {
    expect(payloads.size).to.be.greaterThan(150);
  });

  it('escapes each one the HTML preview shows, leaving no markup of any', async () => {
    const html = await (await fetch(`${api.url}/api/v1/assessments/${id}/report`, { headers: { authorization: `Bearer ${api.adminToken}` } })).text();
    const shown = shownIn(html);
    expect(shown.length, 'the report shows most of them').to.be.greaterThan(payloads.size / 2);
    for (const marker of shown) {
      expect(html, marker).to.not.contain(`<i>${marker}</i>`);
      expect(html.replace(/&#x3D;/g, '=').replace(/&#x27;/g, "'").replace(/&#x60;/g, '`'), marker).to.contain(escapeHtml(payloads.get(marker)!));
    }
    expect(html).to.not.match(/<img src="http:\/\/127\.0\.0\.1/);
  });

  it('shows the whole report as a web page to a board member in Chromium, under its own policy, running and fetching nothing', async () => {
    const browser = await startTestBrowser(api.url);
    try {
      const page = await browser.newPage();
      await signIn(browser, page, await api.account('board-viewer', 'QZY'));
      await browser.visit(page, `/assessments/${id}/report`);
      const link = await page.$eval('a[href$="/report.html"]', (anchor) => ({ text: anchor.textContent, download: anchor.hasAttribute('download') }));
      expect(link).to.deep.equal({ text: 'Read the whole report as a web page', download: false });
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('a[href$="/report.html"]')]);
      expect(response?.headers()['content-security-policy']).to.equal(reportPreviewPolicy);
      expect(response?.headers()['content-disposition']).to.equal(undefined);
      expect(requested, 'nothing but the report itself').to.deep.equal([`${api.url}/assessments/${id}/report.html`]);
      const text = await page.evaluate(() => document.body.innerText);
      expect(text).to.contain('Executive summary');
      expect(shownIn(text).length, 'the page shows the markup as text').to.be.greaterThan(payloads.size / 2);
      expect(text).to.not.contain('SCRIPT-RAN');
      expect(await page.$$('body img, body iframe, body script, body object, body embed')).to.have.length(0);
      expect(problemsOf(page), 'no CSP violation, script error or failed request').to.deep.equal([]);
      await expectAccessible(page);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(witness.hits).to.deep.equal([]);
    } finally {
      await browser.close();
    }
  });

  it('shows each one the PDF shows literally, as the person typed it, and fetches nothing', async () => {
    const response = await fetch(`${api.url}/api/v1/assessments/${id}/report.pdf`, { headers: { authorization: `Bearer ${api.adminToken}` } });
    expect(response.status).to.equal(200);
    const text = withoutSpace(await pdfText(new Uint8Array(await response.arrayBuffer())));
    const shown = shownIn(text);
    expect(shown.length, 'the PDF shows most of them').to.be.greaterThan(payloads.size / 2);
    const garbled = shown.filter((marker) => !text.includes(withoutSpace(payloads.get(marker)!)));
    expect(garbled, 'shown other than as typed').to.deep.equal([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(witness.hits).to.deep.equal([]);
  });
});
