import { expect } from 'chai';
import { hoscEvidenceScoring4 } from '../../support/evidence.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('REST API: export and import of a whole assessment', function () {
  this.timeout(60000);
  let source: TestServer;
  let target: TestServer;
  before(async () => {
    [source, target] = await Promise.all([startTestServer(), startTestServer()]);
  });
  after(() => Promise.all([source.stop(), target.stop()]));

  it('round-trips losslessly: the import exports exactly what was exported', async () => {
    const admin = source.adminToken;
    const id = (await source.call(admin, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' })).body.id;
    await source.call(admin, 'PUT', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness/evidence`, { basedOnVersion: 0, evidence: hoscEvidenceScoring4() });
    await source.call(admin, 'PUT', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness/judgement`, { basedOnVersion: 0, judgement: { decision: 'accept' } });
    await source.call(admin, 'POST', `/api/v1/assessments/${id}/status`, { to: 'submitted', version: 1 });
    const exported = await source.call(admin, 'GET', `/api/v1/assessments/${id}/export`);
    expect(exported.status).to.equal(200);
    expect(exported.body.records.map((record: { kind: string }) => record.kind)).to.have.members(['status', 'status', 'evidence', 'judgement']);

    const imported = await target.call(target.adminToken, 'POST', '/api/v1/assessments/import', exported.body);
    expect(imported.status).to.equal(201);
    const again = await target.call(target.adminToken, 'GET', `/api/v1/assessments/${id}/export`);
    expect(again.body).to.deep.equal(exported.body);
    const scoreThere = await target.call(target.adminToken, 'GET', `/api/v1/assessments/${id}/perspectives/self/score`);
    const scoreHere = await source.call(admin, 'GET', `/api/v1/assessments/${id}/perspectives/self/score`);
    expect(scoreThere.body).to.deep.equal(scoreHere.body);

    expect((await target.call(target.adminToken, 'POST', '/api/v1/assessments/import', exported.body)).status).to.equal(409);
  });

  it('refuses an invalid export with field errors, and a system user may not import', async () => {
    const invalid = await target.call(target.adminToken, 'POST', '/api/v1/assessments/import', { format: 'ics-maturity-assessment', formatVersion: 1, assessment: { id: 'x' }, records: [] });
    expect(invalid.status).to.equal(400);
    expect(invalid.body.errors.map((error: { path: string }) => error.path)).to.include('assessment.id');
    const user = await target.tokenFor('system-user', 'QOX');
    const exported = await source.call(source.adminToken, 'GET', `/api/v1/assessments/${(await source.call(source.adminToken, 'GET', '/api/v1/assessments')).body.items[0].id}/export`);
    expect((await target.call(user, 'POST', '/api/v1/assessments/import', { ...exported.body, assessment: { ...exported.body.assessment, id: '0b7b4a52-5f7e-4a0b-9c53-3f3f2a1d9e10' }, records: [] })).status).to.equal(404);
  });
});
