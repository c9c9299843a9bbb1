import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { hoscEvidenceScoring4 } from '../../support/evidence.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const peerSecret = 'PEER-SECRET: two of the four sessions were inquorate';
const assessorSecret = 'ASSESSOR-SECRET: every session was quorate and well attended';

describe('REST API: blind review, then reveal', function () {
  this.timeout(180000);
  let api: TestServer;
  let team: string;
  let peer: string;
  let assessor: string;

  before(async () => {
    api = await startTestServer();
    [team, peer, assessor] = await Promise.all([api.tokenFor('system-user', 'QOX'), api.tokenFor('peer-reviewer'), api.tokenFor('assessor')]);
  });
  after(() => api.stop());

  const ok = async (token: string, method: string, path: string, body?: unknown) => {
    const response = await api.call(token, method, path, body);
    if (response.status >= 300) throw new Error(`${method} ${path} gave ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const criterionPath = (id: string, perspective: string) => `/api/v1/assessments/${id}/perspectives/${perspective}/criteria/hosc-effectiveness`;

  /** An assessment in review with the self-assessment, a peer review scoring 2 and an assessor's review scoring 4 on HOSC, none submitted. */
  async function inReview(period: string): Promise<string> {
    const { id } = await ok(team, 'POST', '/api/v1/assessments', { system: 'QOX', period });
    await ok(team, 'PUT', `${criterionPath(id, 'self')}/evidence`, { basedOnVersion: 0, evidence: hoscEvidenceScoring4() });
    await ok(team, 'POST', `/api/v1/assessments/${id}/status`, { to: 'submitted', version: 1, acknowledgeEmptyCriteria: true });
    for (const [token, perspective, score, rationale] of [[peer, 'peer', 2, peerSecret], [assessor, 'assessor', 4, assessorSecret]] as const) {
      await ok(token, 'PUT', `${criterionPath(id, perspective)}/evidence`, { basedOnVersion: 0, evidence: hoscEvidenceScoring4() });
      await ok(token, 'PUT', `${criterionPath(id, perspective)}/judgement`, { basedOnVersion: 0, judgement: { decision: 'override', score, rationale } });
    }
    await ok(assessor, 'POST', `/api/v1/assessments/${id}/status`, { to: 'in-review', version: 2 });
    return id;
  }

  /** Everything a person can read about an assessment that could show scores: criterion state, versions, score, audit, calibration, report, workbook. */
  async function everythingSeenBy(token: string, id: string, other: string): Promise<{ statuses: number[]; text: string }> {
    const paths = [criterionPath(id, other), `${criterionPath(id, other)}/evidence/versions`, `/api/v1/assessments/${id}/perspectives/${other}/score`];
    const refused = await Promise.all(paths.map((path) => api.call(token, 'GET', path)));
    const readable = await Promise.all([`/api/v1/assessments/${id}/audit`, `/api/v1/assessments/${id}/calibration`, `/api/v1/assessments/${id}/report`].map((path) => ok(token, 'GET', path)));
    const workbook = new ExcelJS.Workbook();
    const download = await fetch(`${api.url}/api/v1/assessments/${id}/workbook.xlsx`, { headers: { authorization: `Bearer ${token}` } });
    await workbook.xlsx.load(Buffer.from(await download.arrayBuffer()) as never);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
    return { statuses: refused.map((response) => response.status), text: [...refused.map((response) => JSON.stringify(response.body)), ...readable.map((body) => (typeof body === 'string' ? body : JSON.stringify(body))), cells.join('\n')].join('\n') };
  }

  it('hides each reviewer’s scores and rationales from the other by API, audit, calibration, report and workbook until both submit', async () => {
    const id = await inReview('2025/26');
    const seenByPeer = await everythingSeenBy(peer, id, 'assessor');
    expect(seenByPeer.statuses).to.deep.equal([403, 403, 403]);
    expect(seenByPeer.text).to.not.contain('ASSESSOR-SECRET');
    const seenByAssessor = await everythingSeenBy(assessor, id, 'peer');
    expect(seenByAssessor.statuses).to.deep.equal([403, 403, 403]);
    expect(seenByAssessor.text).to.not.contain('PEER-SECRET');
    // Each still sees their own review and the self-assessment, their evidence.
    expect((await ok(peer, 'GET', criterionPath(id, 'peer'))).judgement.content.judgement.rationale).to.equal(peerSecret);
    expect((await api.call(peer, 'GET', criterionPath(id, 'self'))).status).to.equal(200);
    expect((await api.call(assessor, 'GET', criterionPath(id, 'self'))).status).to.equal(200);
    // The whole export would show the peer's review: it waits for the reveal.
    expect((await api.call(assessor, 'GET', `/api/v1/assessments/${id}/export`)).status).to.equal(403);
    // The system's team and administrators are not reviewers: they see both (the control for the checks above).
    expect((await everythingSeenBy(api.adminToken, id, 'assessor')).text).to.contain('ASSESSOR-SECRET').and.contain('PEER-SECRET');
    // Moderation waits for the reveal.
    expect((await api.call(assessor, 'PUT', `/api/v1/assessments/${id}/criteria/hosc-effectiveness/moderation`, { basedOnVersion: 0, outcome: { score: 3 }, rationale: 'The panel split the difference here.' })).status).to.equal(409);

    const afterPeer = await ok(peer, 'POST', `/api/v1/assessments/${id}/perspectives/peer/submission`);
    expect(afterPeer).to.include({ blind: true, revealed: null });
    expect(afterPeer.submitted.map((entry: { perspective: string }) => entry.perspective)).to.deep.equal(['peer']);
    // A submitted review cannot change, and is not submitted twice.
    expect((await api.call(peer, 'PUT', `${criterionPath(id, 'peer')}/judgement`, { basedOnVersion: 1, judgement: { decision: 'override', score: 3, rationale: 'Changing my mind after submitting.' } })).status).to.equal(409);
    expect((await api.call(peer, 'POST', `/api/v1/assessments/${id}/perspectives/peer/submission`)).status).to.equal(409);
    expect((await everythingSeenBy(peer, id, 'assessor')).text).to.not.contain('ASSESSOR-SECRET');

    const revealed = await ok(assessor, 'POST', `/api/v1/assessments/${id}/perspectives/assessor/submission`);
    expect(revealed.blind).to.equal(false);
    expect(revealed.revealed).to.include({ reason: null });
    expect(revealed.revealed.by.name).to.match(/^Test assessor/);
    const nowSeenByPeer = await everythingSeenBy(peer, id, 'assessor');
    expect(nowSeenByPeer.statuses).to.deep.equal([200, 200, 200]);
    expect(nowSeenByPeer.text).to.contain('ASSESSOR-SECRET');
    expect((await everythingSeenBy(assessor, id, 'peer')).text).to.contain('PEER-SECRET');
    // Agreement is computed on the blind scores, which can no longer change; moderation is open.
    expect((await api.call(assessor, 'PUT', `${criterionPath(id, 'assessor')}/judgement`, { basedOnVersion: 1, judgement: { decision: 'override', score: 3, rationale: 'Changing my mind after the reveal.' } })).status).to.equal(409);
    expect((await api.call(assessor, 'PUT', `/api/v1/assessments/${id}/criteria/hosc-effectiveness/moderation`, { basedOnVersion: 0, outcome: { score: 3 }, rationale: 'The panel split the difference here.' })).status).to.equal(200);
    expect((await api.call(assessor, 'GET', `/api/v1/assessments/${id}/export`)).status).to.equal(200);
  });

  it('lets an assessor close the blind phase early with a reason, which is kept; a peer reviewer may not', async () => {
    const id = await inReview('2026/27');
    expect((await api.call(peer, 'POST', `/api/v1/assessments/${id}/reveal`, { reason: 'I would like to see the assessor scores.' })).status).to.equal(403);
    const short = await api.call(assessor, 'POST', `/api/v1/assessments/${id}/reveal`, { reason: 'Late.' });
    expect(short.status).to.equal(400);
    expect((await ok(peer, 'GET', `/api/v1/assessments/${id}/review`)).blind).to.equal(true);
    const reason = 'The peer review team withdrew after the site visit.';
    const revealed = await ok(assessor, 'POST', `/api/v1/assessments/${id}/reveal`, { reason });
    expect(revealed).to.deep.include({ blind: false, submitted: [] });
    expect(revealed.revealed.reason).to.equal(reason);
    expect((await ok(peer, 'GET', criterionPath(id, 'assessor'))).judgement.content.judgement.rationale).to.equal(assessorSecret);
    expect((await api.call(assessor, 'POST', `/api/v1/assessments/${id}/reveal`, { reason })).status).to.equal(409);
    expect((await api.call(peer, 'POST', `/api/v1/assessments/${id}/perspectives/peer/submission`)).status).to.equal(409);
    const audit = await ok(peer, 'GET', `/api/v1/assessments/${id}/audit`);
    expect(audit.find((entry: { action: string }) => entry.action === 'reveal saved').after).to.deep.equal({ reason });
  });

  it('refuses submission before the assessment is submitted, and of the self-assessment', async () => {
    const { id } = await ok(team, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2027/28' });
    expect((await api.call(assessor, 'POST', `/api/v1/assessments/${id}/perspectives/assessor/submission`)).status).to.equal(409);
    expect((await api.call(team, 'POST', `/api/v1/assessments/${id}/perspectives/self/submission`)).status).to.equal(404);
  });
});
