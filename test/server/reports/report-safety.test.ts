import { expect } from 'chai';
import { createLogger } from '../../../server/log.ts';
import { BrowserPool } from '../../../server/reports/browser-pool.ts';
import { payloads, startWitness } from '../../support/hostile-markup.ts';
import { demoFixture, storeFixture } from '../../support/report-fixtures.ts';
import { pdfInfo, pdfText } from '../../support/pdf-tools.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('report safety: untrusted text can neither run nor fetch (real Chromium)', function () {
  this.timeout(120000);
  let witness: Awaited<ReturnType<typeof startWitness>>;
  before(async () => {
    witness = await startWitness();
  });
  after(() => new Promise((resolve) => witness.server.close(resolve)));

  describe('payloads in evidence narrative, its source and the system name, through the API', () => {
    let api: TestServer;
    let id: string;
    let token: string;
    const systemName = () => `Evil <img src="http://127.0.0.1:${witness.port}/name"> ICB`;

    before(async () => {
      api = await startTestServer();
      token = api.adminToken;
      const system = await api.call(token, 'POST', '/api/v1/systems', { odsCode: 'QZZ', onsCode: 'E54999999', name: systemName(), shortName: 'Evil', region: 'London', inForceFrom: '2022-07-01' });
      expect(system.status, JSON.stringify(system.body)).to.equal(201);
      const fixture = await demoFixture();
      const self = fixture.perspectives.self as NonNullable<typeof fixture.perspectives.self>;
      const hosc = self.criteria['hosc-effectiveness'] as { indicators: object };
      self.criteria['hosc-effectiveness'] = { ...hosc, narrative: { value: payloads(witness.port), source: `<img src="http://127.0.0.1:${witness.port}/source">`, asAt: '2025-03-31' } };
      id = await storeFixture((method, path, body) => api.call(token, method, path, body), { ...fixture, system: 'QZZ', perspectives: { self }, moderation: {}, status: 'draft' });
    });
    after(() => api.stop());

    it('shows the text escaped in the HTML preview: no markup of it survives', async () => {
      const response = await fetch(`${api.url}/api/v1/assessments/${id}/report`, { headers: { authorization: `Bearer ${token}` } });
      const html = await response.text();
      expect(html).to.contain(`&lt;img src&#x3D;&quot;http://127.0.0.1:${witness.port}/img&quot;&gt;`);
      expect(html).to.contain('&lt;script&gt;document.body.insertAdjacentText');
      expect(html).to.contain(`Evil &lt;img src&#x3D;&quot;http://127.0.0.1:${witness.port}/name&quot;&gt; ICB`);
      expect(html).to.not.match(/<script|<iframe|<img|<link|<meta http-equiv|onload=/i);
    });

    it('renders the PDF with the text shown literally, nothing run, no file read and nothing fetched', async () => {
      const response = await fetch(`${api.url}/api/v1/assessments/${id}/report.pdf`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).to.equal(200);
      const pdf = new Uint8Array(await response.arrayBuffer());
      const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
      expect(text).to.contain(`<img src="http://127.0.0.1:${witness.port}/img">`);
      expect(text).to.contain(`<iframe src="file:///etc/passwd"></iframe>`);
      expect(text).to.contain("<script>document.body.insertAdjacentText('beforeend', 'SCRIPT-RAN');");
      expect(text.match(/SCRIPT-RAN/g)).to.have.length(1); // the payload's own text, once; never appended by the script
      expect(text).to.not.contain('root:x:0:0');
      expect((await pdfInfo(pdf)).Title).to.contain(systemName());
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(witness.hits).to.deep.equal([]);
    });
  });

  describe('raw markup set straight on a pool page (defence in depth, should escaping ever fail)', () => {
    it('runs no script, reads no file, fetches nothing, and counts the requests it refused', async () => {
      const pool = new BrowserPool({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', size: 1, maxQueue: 0, taskTimeoutMs: 30000, log: createLogger('silent') });
      try {
        const html = `<!DOCTYPE html><html lang="en-GB"><head><title>Raw</title></head><body><p>Raw page</p>${payloads(witness.port)}</body></html>`;
        const pdf = await pool.use(async (page) => {
          await page.setContent(html, { waitUntil: 'load' });
          return page.pdf({ format: 'A4' });
        });
        const text = await pdfText(pdf);
        expect(text).to.contain('Raw page');
        expect(text).to.not.contain('SCRIPT-RAN');
        expect(text).to.not.contain('root:x:0:0');
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(witness.hits).to.deep.equal([]);
        expect(pool.stats().refusedRequests).to.be.at.least(3);
      } finally {
        await pool.close();
      }
    });
  });
});
