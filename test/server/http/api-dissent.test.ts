import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { hoscEvidenceScoring4 } from '../../support/evidence.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('REST API: dissent from a moderated score, kept and shown in the report appendix', function () {
  this.timeout(120000);
  let api: TestServer;

  before(async () => {
    api = await startTestServer();
  });
  after(() => api.stop());

  it('records each panel member’s disagreement with its rationale, refuses it without a moderated score or reason, and shows every one in the appendix', async () => {
    const [team, first, second, peer] = await Promise.all([api.tokenFor('system-user', 'QOX'), api.tokenFor('assessor'), api.tokenFor('assessor'), api.tokenFor('peer-reviewer')]);
    const ok = async (token: string, method: string, path: string, body?: unknown) => {
      const response = await api.call(token, method, path, body);
      if (response.status >= 300) throw new Error(`${method} ${path} gave ${response.status}: ${JSON.stringify(response.body)}`);
      return response.body;
    };
    const { id } = await ok(team, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' });
    await ok(team, 'PUT', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness/evidence`, { basedOnVersion: 0, evidence: hoscEvidenceScoring4() });
    await ok(team, 'POST', `/api/v1/assessments/${id}/status`, { to: 'submitted', version: 1, acknowledgeEmptyCriteria: true });
    await ok(first, 'POST', `/api/v1/assessments/${id}/status`, { to: 'in-review', version: 2 });
    await ok(first, 'POST', `/api/v1/assessments/${id}/reveal`, { reason: 'No peer review was arranged this year.' });
    const dissentPath = `/api/v1/assessments/${id}/criteria/hosc-effectiveness/dissent`;
    const reason = 'The minutes show two sessions were inquorate: <b>2</b> fits better.';
    expect((await api.call(second, 'POST', dissentPath, { rationale: reason })).status).to.equal(409);
    await ok(first, 'PUT', `/api/v1/assessments/${id}/criteria/hosc-effectiveness/moderation`, { basedOnVersion: 0, outcome: { score: 3 }, rationale: 'The panel agreed three after hearing both sides.' });
    expect((await api.call(second, 'POST', dissentPath, { rationale: 'Too high.' })).status).to.equal(400);
    expect((await api.call(peer, 'POST', dissentPath, { rationale: reason })).status).to.equal(403);
    const recorded = await api.call(second, 'POST', dissentPath, { rationale: reason });
    expect(recorded.status).to.equal(201);
    expect(recorded.body).to.deep.include({ kind: 'dissent', criterion: 'hosc-effectiveness', perspective: null, version: 1, content: { rationale: reason, moderationVersion: 1 } });
    expect((await api.call(first, 'POST', dissentPath, { rationale: 'I agreed at the time but the action log says otherwise.' })).body.version).to.equal(2);

    const report: string = await ok(peer, 'GET', `/api/v1/assessments/${id}/report`);
    const appendix = report.slice(report.indexOf('id="dissent"'));
    expect(appendix).to.contain('The minutes show two sessions were inquorate: &lt;b&gt;2&lt;/b&gt; fits better.');
    expect(appendix).to.contain('I agreed at the time but the action log says otherwise.');
    expect(appendix).to.match(/<td>Test assessor \d+<\/td>/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await (await fetch(`${api.url}/api/v1/assessments/${id}/workbook.xlsx`, { headers: { authorization: `Bearer ${peer}` } })).arrayBuffer()) as never);
    expect(workbook.getWorksheet('Dissent')!.getRow(2).getCell(2).value).to.equal(reason);
    expect(workbook.getWorksheet('Dissent')!.rowCount).to.equal(3);
    const audit = await ok(peer, 'GET', `/api/v1/assessments/${id}/audit`);
    expect(audit.filter((entry: { action: string }) => entry.action === 'dissent saved')).to.have.length(2);
  });
});
