import { expect } from 'chai';
import { defaultPackDirectory } from '../../../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../../../assessments/rule-pack/load-pack.ts';
import { demoFixture, gateCappedFixture, storeFixture } from '../../support/report-fixtures.ts';
import { outlineTitles, pdfInfo, pdfOutline, pdfText } from '../../support/pdf-tools.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

async function fetchReport(api: TestServer, token: string | null, id: string, suffix: '.pdf' | '') {
  return fetch(`${api.url}/api/v1/assessments/${id}/report${suffix}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
}

describe('the PDF calibration report of a stored assessment (real Chromium, real database)', function () {
  this.timeout(120000);
  let api: TestServer;
  let id: string;
  let board: string;
  let pdf: Uint8Array;
  let text: string;

  before(async () => {
    api = await startTestServer({ PROTECTIVE_MARKING: 'OFFICIAL-SENSITIVE' });
    const call = (method: string, path: string, body?: unknown) => api.call(api.adminToken, method, path, body);
    id = await storeFixture(call, await demoFixture());
    // Another system in the period scores 4 on place and neighbourhood (the demo's 2) and agrees to share.
    const other = await storeFixture(call, { ...(await gateCappedFixture()), system: 'QHM', systemName: 'NHS North East and North Cumbria Integrated Care Board', period: '2025/26' });
    expect((await call('PUT', `/api/v1/assessments/${other}/sharing`, { basedOnVersion: 0, shareGoodPractice: true })).status).to.equal(200);
    board = await api.tokenFor('board-viewer', 'QOX');
    const response = await fetchReport(api, board, id, '.pdf');
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('application/pdf');
    expect(response.headers.get('content-disposition')).to.equal('attachment; filename="ics-calibration-report-QOX-2025-26.pdf"');
    pdf = new Uint8Array(await response.arrayBuffer());
    text = await pdfText(pdf);
  });
  after(() => api.stop());

  it('is a tagged A4 PDF with the document title, and numbered pages "Page X of Y"', async () => {
    const info = await pdfInfo(pdf);
    expect(info.Tagged).to.equal('yes');
    expect(info.Title).to.equal('ICS maturity calibration report: NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board, 2025/26');
    expect(info['Page size']).to.match(/^595\.\d+ x 841\.\d+ pts \(A4\)/);
    const pages = Number(info.Pages);
    expect(pages).to.be.within(8, 30);
    expect(text).to.contain('Page 1 of ').and.to.contain(`Page ${pages} of ${pages}`);
    expect(Buffer.from(pdf).toString('latin1')).to.contain('/Lang (en-GB)');
  });

  it('has the running header (system, period, marking, label) on every page', () => {
    const pages = text.split('\f').filter((page) => page.trim() !== '');
    for (const page of pages) {
      expect(page).to.contain('OFFICIAL-SENSITIVE').and.to.contain('Indicative — not a published rating').and.to.contain('2025/26');
    }
  });

  it('carries the sections and the values of the assessment', () => {
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of [
      'ICS maturity calibration report',
      'Self-assessment, Peer review and Assessor',
      'In review',
      `hewitt-3.122 version ${api.server.services.packs.current.version}`,
      'Executive summary',
      'Requires improvement',
      '25 of 36 points = 69%',
      'What this rating rests on',
      'Strengths',
      'Areas for improvement',
      'What would move the system to the next rating',
      'These 8 changes would lift the rating from Good to Outstanding (89%).',
      'Calibration',
      'Self-assessment 3 against assessor 1: a spread of 2 points.',
      'Peer review and assessor',
      'Improvement',
      'Good practice from other systems',
      'NHS North East and North Cumbria Integrated Care Board (QHM)',
      'Own ambitions',
      'Fewer emergency admissions after falls',
      'Criteria',
      'The table below gives the same figures.',
      'The falls prevention example shows a sustained fall in admissions',
      'The panel agreed 2',
      'Appendix',
      'Rules that fired',
      'hosc-effectiveness/3',
    ]) expect(flat).to.contain(expected);
    expect(flat).to.match(/sha256:[0-9a-f]{64}/);
  });

  it('has an outline (bookmarks) of the sections with every criterion under "Criteria"', async () => {
    const pack = await loadRulePack(defaultPackDirectory);
    const outline = pdfOutline(pdf);
    expect(outline.map((item) => item.title)).to.deep.equal(['ICS maturity calibration report', 'Executive summary', 'Calibration', 'Improvement', 'Criteria', 'Appendix']);
    const criteria = outline.find((item) => item.title === 'Criteria');
    expect(criteria?.children.map((item) => item.title)).to.deep.equal(pack.criteria.map((criterion) => criterion.title));
    expect(outlineTitles(outline)).to.include.members(['Strengths', 'Areas for improvement', 'Agreement between perspectives', 'Good practice from other systems', 'Own ambitions', 'Evidence', 'Rule pack']);
  });

  it('previews as HTML under a policy that lets nothing run or load', async () => {
    const response = await fetchReport(api, board, id, '');
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^text\/html/);
    expect(response.headers.get('content-security-policy')).to.contain("default-src 'none'");
    const html = await response.text();
    expect(html).to.contain('<html lang="en-GB">').and.to.contain('Executive summary');
  });

  it('follows the tenant rules: another system’s board viewer gets 404, no token 401; a system user of the system may read it', async () => {
    const otherBoard = await api.tokenFor('board-viewer', 'QHG');
    expect((await fetchReport(api, otherBoard, id, '.pdf')).status).to.equal(404);
    expect((await fetchReport(api, otherBoard, id, '')).status).to.equal(404);
    expect((await fetchReport(api, null, id, '.pdf')).status).to.equal(401);
    const own = await api.tokenFor('system-user', 'QOX');
    expect((await fetchReport(api, own, id, '')).status).to.equal(200);
  });
});
