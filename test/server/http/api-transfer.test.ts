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

  it('round-trips what an export may carry: content, versions and times exactly; authors as notes on the importer; an import record', async () => {
    const admin = source.adminToken;
    const id = (await source.call(admin, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' })).body.id;
    await source.call(admin, 'PUT', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness/evidence`, { basedOnVersion: 0, evidence: hoscEvidenceScoring4() });
    await source.call(admin, 'PUT', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness/judgement`, { basedOnVersion: 0, judgement: { decision: 'accept' } });
    await source.call(admin, 'POST', `/api/v1/assessments/${id}/status`, { to: 'submitted', version: 1, acknowledgeEmptyCriteria: true });
    const exported = await source.call(admin, 'GET', `/api/v1/assessments/${id}/export`);
    expect(exported.status).to.equal(200);
    expect(exported.body.records.map((record: { kind: string }) => record.kind)).to.have.members(['status', 'status', 'evidence', 'judgement']);

    const imported = await target.call(target.adminToken, 'POST', '/api/v1/assessments/import', exported.body);
    expect(imported.status).to.equal(201);
    const again = await target.call(target.adminToken, 'GET', `/api/v1/assessments/${id}/export`);
    // Who did what cannot be proved by a file: everything is the importer's here, the exported author kept in the name.
    const authors = (body: any) => ({ ...body, assessment: { ...body.assessment, createdBy: null, statusHistory: body.assessment.statusHistory.map((step: object) => ({ ...step, by: null })) }, records: body.records.filter((record: { kind: string }) => record.kind !== 'import').map((record: object) => ({ ...record, by: null })) });
    expect(authors(again.body)).to.deep.equal(authors(exported.body));
    const importer = (await target.call(target.adminToken, 'GET', '/api/v1/users')).body.find((user: { role: string }) => user.role === 'admin');
    expect(again.body.records.map((record: { by: { userId: string } }) => record.by.userId)).to.deep.equal(again.body.records.map(() => importer.id));
    expect(again.body.records.find((record: { kind: string }) => record.kind === 'import')).to.deep.include({ version: 1, content: { records: 4, sharingLeftOut: 0 }, by: { userId: importer.id, name: importer.name } });
    const scoreThere = await target.call(target.adminToken, 'GET', `/api/v1/assessments/${id}/perspectives/self/score`);
    const scoreHere = await source.call(admin, 'GET', `/api/v1/assessments/${id}/perspectives/self/score`);
    expect(scoreThere.body).to.deep.equal(scoreHere.body);

    expect((await target.call(target.adminToken, 'POST', '/api/v1/assessments/import', exported.body)).status).to.equal(409);
  });

  it('refuses an invalid export with field errors, an export under a pack this server lacks, and a system user (403: import is for assessors)', async () => {
    const invalid = await target.call(target.adminToken, 'POST', '/api/v1/assessments/import', { format: 'ics-maturity-assessment', formatVersion: 1, assessment: { id: 'x' }, records: [] });
    expect(invalid.status).to.equal(400);
    expect(invalid.body.errors.map((error: { path: string }) => error.path)).to.include('assessment.id');
    const source0 = (await source.call(source.adminToken, 'GET', '/api/v1/assessments')).body.items[0].id;
    const original = (await source.call(source.adminToken, 'GET', `/api/v1/assessments/${source0}/export`)).body;
    const otherPack = { ...original, assessment: { ...original.assessment, id: '7d0f4c1e-2b8a-4f7e-9a61-0c5b2d3e4f50', pack: { ...original.assessment.pack, hash: `sha256:${'0'.repeat(64)}` } }, records: [] };
    const unknownPack = await target.call(target.adminToken, 'POST', '/api/v1/assessments/import', otherPack);
    expect(unknownPack.status).to.equal(409);
    expect(unknownPack.body.detail).to.match(/does not have the rule pack hewitt-3\.122/);
    const user = await target.tokenFor('system-user', 'QOX');
    const exported = await source.call(source.adminToken, 'GET', `/api/v1/assessments/${(await source.call(source.adminToken, 'GET', '/api/v1/assessments')).body.items[0].id}/export`);
    expect((await target.call(user, 'POST', '/api/v1/assessments/import', { ...exported.body, assessment: { ...exported.body.assessment, id: '0b7b4a52-5f7e-4a0b-9c53-3f3f2a1d9e10' }, records: [] })).status).to.equal(403);
  });
  it('refuses records no save could have made: a proposal the pack would not make, a gap in versions, statuses out of order', async () => {
    const id = (await source.call(source.adminToken, 'GET', '/api/v1/assessments')).body.items[0].id;
    const exported = (await source.call(source.adminToken, 'GET', `/api/v1/assessments/${id}/export`)).body;
    const copy = (change: (records: any[]) => void) => {
      const fresh = '5a9e2f4b-8c1d-4e6f-a7b3-2d4c6e8f0a1b';
      const records = structuredClone(exported.records).map((record: object) => ({ ...record, assessmentId: fresh }));
      change(records);
      return { ...exported, assessment: { ...exported.assessment, id: fresh, period: '2023/24' }, records };
    };
    const evidence = (records: any[]) => records.find((record) => record.kind === 'evidence');
    const at = `records[${exported.records.findIndex((record: { kind: string }) => record.kind === 'evidence')}]`;
    const secondStatus = `records[${exported.records.findIndex((record: { kind: string; version: number }) => record.kind === 'status' && record.version === 2)}]`;
    const cases: Array<[string, (records: any[]) => void]> = [
      [`${at}.content.proposal`, (records) => void (evidence(records).content.proposal.proposed = { score: 1 })],
      ['records', (records) => void (evidence(records).version = 2)],
      [`${secondStatus}.content.status`, (records) => void (records.find((record) => record.kind === 'status' && record.version === 2).content.status = 'published')],
      [`${at}.content.evidence.indicators.systemSessions.value`, (records) => void (evidence(records).content.evidence.indicators.systemSessions.value = -1)],
    ];
    for (const [path, change] of cases) {
      const refused = await target.call(target.adminToken, 'POST', '/api/v1/assessments/import', copy(change));
      expect(refused.status, path).to.equal(400);
      expect(refused.body.errors.map((error: { path: string }) => error.path), path).to.include(path);
    }
    expect((await target.call(target.adminToken, 'GET', '/api/v1/assessments/5a9e2f4b-8c1d-4e6f-a7b3-2d4c6e8f0a1b')).status).to.equal(404);
  });
});
