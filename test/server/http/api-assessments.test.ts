import { expect } from 'chai';
import { hoscEvidenceScoring4, item } from '../../support/evidence.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const evidencePath = (id: string, perspective: string, criterion = 'hosc-effectiveness') => `/api/v1/assessments/${id}/perspectives/${perspective}/criteria/${criterion}/evidence`;

describe('REST API: assessments, evidence, judgement, moderation, audit', function () {
  this.timeout(60000);
  let api: TestServer;
  let qox: string; // system user of QOX
  let other: string; // system user of another system
  let assessor: string;
  let peer: string;
  let board: string;
  let id: string;

  before(async () => {
    api = await startTestServer();
    [qox, other, assessor, peer, board] = await Promise.all([api.tokenFor('system-user', 'QOX'), api.tokenFor('system-user', 'QHG'), api.tokenFor('assessor'), api.tokenFor('peer-reviewer'), api.tokenFor('board-viewer', 'QOX')]);
    const created = await api.call(qox, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' });
    expect(created.status).to.equal(201);
    id = created.body.id;
  });
  after(() => api.stop());

  it('creates an assessment pinned to the rule pack, in draft, with who and when', async () => {
    const found = await api.call(qox, 'GET', `/api/v1/assessments/${id}`);
    expect(found.status).to.equal(200);
    expect(found.body).to.include({ system: 'QOX', period: '2025/26', status: 'draft', version: 1, calibrationMode: true });
    expect(found.body.pack.id).to.equal('hewitt-3.122');
    expect(found.body.pack.hash).to.match(/^sha256:[0-9a-f]{64}$/);
    expect(found.body.statusHistory).to.have.length(1);
    expect(found.body.statusHistory[0].by.name).to.match(/^Test system-user/);
    expect(found.headers.get('etag')).to.equal('"1"');
  });

  it('refuses a second assessment of the same system, period and pack (409)', async () => {
    expect((await api.call(assessor, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' })).status).to.equal(409);
  });

  it('answers 404 to another system’s user, for the assessment and everything under it', async () => {
    expect((await api.call(other, 'GET', `/api/v1/assessments/${id}`)).status).to.equal(404);
    expect((await api.call(other, 'PUT', evidencePath(id, 'self'), { basedOnVersion: 0, evidence: hoscEvidenceScoring4() })).status).to.equal(404);
    expect((await api.call(other, 'GET', `/api/v1/assessments/${id}/audit`)).status).to.equal(404);
    const listed = await api.call(other, 'GET', '/api/v1/assessments');
    expect(listed.body.items.map((entry: { id: string }) => entry.id)).to.not.include(id);
  });

  it('lets each role write only its own perspective (403 otherwise), and board viewers only read', async () => {
    expect((await api.call(peer, 'PUT', evidencePath(id, 'self'), { basedOnVersion: 0, evidence: hoscEvidenceScoring4() })).status).to.equal(403);
    expect((await api.call(board, 'PUT', evidencePath(id, 'self'), { basedOnVersion: 0, evidence: hoscEvidenceScoring4() })).status).to.equal(403);
    expect((await api.call(board, 'GET', `/api/v1/assessments/${id}`)).status).to.equal(200);
  });

  it('refuses invalid evidence with every field error, and saves nothing', async () => {
    const evidence = { indicators: { ...hoscEvidenceScoring4().indicators, systemSessions: item('4'), councilsCovered: item(9) } };
    const refused = await api.call(qox, 'PUT', evidencePath(id, 'self'), { basedOnVersion: 0, evidence });
    expect(refused.status).to.equal(400);
    expect(refused.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(refused.body.errors).to.deep.equal([
      { path: 'evidence.indicators.systemSessions.value', message: 'Enter a number' },
    ]);
    const state = await api.call(qox, 'GET', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness`);
    expect(state.body.evidence).to.equal(null);
  });

  it('saves evidence as version 1 with the proposal and its findings, keeps every version, and refuses a stale write with the current version', async () => {
    const first = await api.call(qox, 'PUT', evidencePath(id, 'self'), { basedOnVersion: 0, evidence: hoscEvidenceScoring4() });
    expect(first.status).to.equal(200);
    expect(first.body.version).to.equal(1);
    expect(first.body.content.proposal.proposed).to.deep.equal({ score: 4 });
    expect(first.body.content.proposal.findings.find((finding: { check: string }) => finding.check === 'hosc/sessions-exceptional')).to.include({ met: true, citation: '¶3.29' });

    const weaker = { indicators: { ...hoscEvidenceScoring4().indicators, systemSessions: item(2) } };
    const second = await api.call(qox, 'PUT', evidencePath(id, 'self'), { basedOnVersion: 1, evidence: weaker });
    expect(second.body.version).to.equal(2);
    expect(second.body.content.proposal.proposed).to.deep.equal({ score: 3 });

    const stale = await api.call(qox, 'PUT', evidencePath(id, 'self'), { basedOnVersion: 1, evidence: hoscEvidenceScoring4() });
    expect(stale.status).to.equal(409);
    expect(stale.body.currentVersion).to.equal(2);

    const versions = await api.call(board, 'GET', `${evidencePath(id, 'self')}/versions`);
    expect(versions.body.map((version: { version: number }) => version.version)).to.deep.equal([1, 2]);
    expect(versions.body[0].content.evidence.indicators.systemSessions.value).to.equal(4);
  });

  it('lets exactly one of two concurrent writers based on the same version win; the other gets 409', async () => {
    const current = (await api.call(qox, 'GET', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness`)).body.evidence.version;
    const writes = await Promise.all([5, 6].map((sessions) => api.call(qox, 'PUT', evidencePath(id, 'self'), { basedOnVersion: current, evidence: { indicators: { ...hoscEvidenceScoring4().indicators, systemSessions: item(sessions) } } })));
    expect(writes.map((write) => write.status).sort()).to.deep.equal([200, 409]);
    const winner = writes.find((write) => write.status === 200)!;
    const state = await api.call(qox, 'GET', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness`);
    expect(state.body.evidence.version).to.equal(current + 1);
    expect(state.body.evidence.content.evidence.indicators.systemSessions.value).to.equal(winner.body.content.evidence.indicators.systemSessions.value);
  });

  it('records judgements: an override needs a rationale, and the rating uses the judged score beside the proposal', async () => {
    const missing = await api.call(qox, 'PUT', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness/judgement`, { basedOnVersion: 0, judgement: { decision: 'override', score: 2 } });
    expect(missing.status).to.equal(400);
    expect(missing.body.errors).to.deep.equal([{ path: 'judgement.rationale', message: 'Give the reason for your judgement' }]);
    const saved = await api.call(qox, 'PUT', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness/judgement`, { basedOnVersion: 0, judgement: { decision: 'override', score: 2, rationale: 'Two of the sessions were cancelled at short notice; the minutes do not show system items.' } });
    expect(saved.status).to.equal(200);
    const score = await api.call(qox, 'GET', `/api/v1/assessments/${id}/perspectives/self/score`);
    expect(score.status).to.equal(200);
    const hosc = score.body.criteria.find((criterion: { criterion: string }) => criterion.criterion === 'hosc-effectiveness');
    expect(hosc.proposed).to.deep.equal({ score: 4 });
    expect(hosc.judgement).to.deep.include({ decision: 'overridden', outcome: { score: 2 } });
    expect(score.body.rating.totalScore).to.equal(2);
    expect(score.body.pack.hash).to.match(/^sha256:/);
  });

  it('moves through the workflow by role, refusing stale versions and skipped steps', async () => {
    expect((await api.call(qox, 'POST', `/api/v1/assessments/${id}/status`, { to: 'in-review', version: 1 })).status).to.equal(403);
    expect((await api.call(assessor, 'POST', `/api/v1/assessments/${id}/status`, { to: 'in-review', version: 1 })).status).to.equal(400);
    const submitted = await api.call(qox, 'POST', `/api/v1/assessments/${id}/status`, { to: 'submitted', version: 1, acknowledgeEmptyCriteria: true });
    expect(submitted.status).to.equal(200);
    expect(submitted.body).to.include({ status: 'submitted', version: 2 });
    expect((await api.call(assessor, 'POST', `/api/v1/assessments/${id}/status`, { to: 'in-review', version: 1 })).status).to.equal(409);
    // Once submitted, the self-assessment is closed and the peer and assessor perspectives open.
    expect((await api.call(qox, 'PUT', evidencePath(id, 'self'), { basedOnVersion: 3, evidence: hoscEvidenceScoring4() })).status).to.equal(409);
    expect((await api.call(peer, 'PUT', evidencePath(id, 'peer'), { basedOnVersion: 0, evidence: hoscEvidenceScoring4() })).status).to.equal(200);
    expect((await api.call(assessor, 'POST', `/api/v1/assessments/${id}/status`, { to: 'in-review', version: 2 })).status).to.equal(200);
  });

  it('records the moderated score with its rationale (assessors only, while in review)', async () => {
    const body = { basedOnVersion: 0, outcome: { score: 3 }, rationale: 'The panel agreed the peer view: regular sessions, but one recommendation late.' };
    expect((await api.call(peer, 'PUT', `/api/v1/assessments/${id}/criteria/hosc-effectiveness/moderation`, body)).status).to.equal(403);
    // Moderation opens when the reviews' scores are revealed: both submitted, as here.
    expect((await api.call(assessor, 'PUT', `/api/v1/assessments/${id}/criteria/hosc-effectiveness/moderation`, body)).status).to.equal(409);
    expect((await api.call(peer, 'POST', `/api/v1/assessments/${id}/perspectives/peer/submission`)).status).to.equal(200);
    expect((await api.call(assessor, 'POST', `/api/v1/assessments/${id}/perspectives/assessor/submission`)).body.revealed.reason).to.equal(null);
    const moderated = await api.call(assessor, 'PUT', `/api/v1/assessments/${id}/criteria/hosc-effectiveness/moderation`, body);
    expect(moderated.status).to.equal(200);
    expect(moderated.body.content).to.deep.equal({ outcome: { score: 3 }, rationale: body.rationale });
    expect((await api.call(assessor, 'PUT', `/api/v1/assessments/${id}/criteria/hosc-effectiveness/moderation`, { ...body, outcome: { status: 'severe' } })).status).to.equal(400);
  });

  it('keeps an append-only audit trail of every change with who, when, before and after', async () => {
    const audit = await api.call(board, 'GET', `/api/v1/assessments/${id}/audit`);
    expect(audit.status).to.equal(200);
    const actions = audit.body.map((entry: { action: string; subject: string }) => `${entry.action}: ${entry.subject}`);
    expect(actions[0]).to.equal('assessment created: assessment of QOX for 2025/26');
    expect(actions).to.include.members(['evidence saved: hosc-effectiveness (self)', 'judgement saved: hosc-effectiveness (self)', 'status changed to submitted: assessment of QOX for 2025/26', 'evidence saved: hosc-effectiveness (peer)', 'moderation saved: hosc-effectiveness (moderation)']);
    const secondEvidence = audit.body.find((entry: { action: string; version: number; subject: string }) => entry.action === 'evidence saved' && entry.version === 2 && entry.subject.endsWith('(self)'));
    expect(secondEvidence.before.evidence.indicators.systemSessions.value).to.equal(4);
    expect(secondEvidence.after.evidence.indicators.systemSessions.value).to.equal(2);
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) expect((await api.call(api.adminToken, method, `/api/v1/assessments/${id}/audit`, method === 'DELETE' ? undefined : {})).status).to.equal(404);
  });

  it('lists assessments with filters and pagination, within the caller’s tenancy', async () => {
    await api.call(assessor, 'POST', '/api/v1/assessments', { system: 'QHG', period: '2025/26' });
    await api.call(assessor, 'POST', '/api/v1/assessments', { system: 'QHG', period: '2024/25' });
    const all = await api.call(assessor, 'GET', '/api/v1/assessments?pageSize=2');
    expect(all.body).to.include({ total: 3, page: 1, pageSize: 2 });
    expect(all.body.items).to.have.length(2);
    const second = await api.call(assessor, 'GET', '/api/v1/assessments?pageSize=2&page=2');
    expect(second.body.items).to.have.length(1);
    expect((await api.call(assessor, 'GET', '/api/v1/assessments?status=in-review')).body.items.map((entry: { id: string }) => entry.id)).to.deep.equal([id]);
    expect((await api.call(qox, 'GET', '/api/v1/assessments')).body.total).to.equal(1);
    expect((await api.call(other, 'GET', '/api/v1/assessments?system=QOX')).body.total).to.equal(0);
    const bad = await api.call(assessor, 'GET', '/api/v1/assessments?pageSize=500&status=lost');
    expect(bad.status).to.equal(400);
    expect(bad.body.errors.map((error: { path: string }) => error.path)).to.have.members(['query.status', 'query.pageSize']);
  });
});
