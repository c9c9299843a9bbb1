import { expect } from 'chai';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('REST API: improvement — path to the next rating, good practice, own ambitions, prevention', function () {
  this.timeout(120000);
  let api: TestServer;
  let ids: Map<string, string>;
  before(async () => {
    api = await startTestServer({ SEED_DEMO: 'true' });
    const listed = (await api.call(api.adminToken, 'GET', '/api/v1/assessments?pageSize=100&period=2025%2F26')).body.items as Array<{ id: string; system: string }>;
    ids = new Map(listed.map((assessment) => [assessment.system, assessment.id]));
  });
  after(() => api.stop());

  it('computes the path to the next rating from the pack, with the thresholds to meet', async () => {
    const improvement = (await api.call(api.adminToken, 'GET', `/api/v1/assessments/${ids.get('QT6')}/improvement`)).body;
    expect(improvement.agreed.criteria.find((criterion: { criterion: string }) => criterion.criterion === 'prevention-shift')).to.deep.include({ basis: 'moderated', outcome: { score: 1 } });
    expect(improvement.path.status).to.equal('path');
    expect(improvement.path.target.id).to.equal('good');
    const prevention = improvement.path.changes.find((change: { criterion?: string }) => change.criterion === 'prevention-shift');
    expect(prevention).to.include({ from: 1 });
    const checks = improvement.checks.find((entry: { criterion: string }) => entry.criterion === 'prevention-shift');
    expect(checks.checks.unmet.length).to.be.greaterThan(0);
    expect(improvement.prevention.points.length).to.be.greaterThan(1);
    const outstanding = (await api.call(api.adminToken, 'GET', `/api/v1/assessments/${ids.get('QXU')}/improvement`)).body;
    expect(outstanding.path.status).to.equal('outstanding');
  });

  it('points to good practice only from systems scoring 4 that agreed to share', async () => {
    const before = (await api.call(api.adminToken, 'GET', `/api/v1/assessments/${ids.get('QT6')}/improvement`)).body;
    expect(before.goodPractice).to.deep.equal([]);
    const qxuUser = await api.tokenFor('system-user', 'QXU');
    expect((await api.call(qxuUser, 'PUT', `/api/v1/assessments/${ids.get('QXU')}/sharing`, { basedOnVersion: 0, shareGoodPractice: true })).status).to.equal(200);
    const after = (await api.call(api.adminToken, 'GET', `/api/v1/assessments/${ids.get('QT6')}/improvement`)).body;
    expect(after.goodPractice.length).to.be.greaterThan(0);
    for (const practice of after.goodPractice) {
      expect(practice).to.include({ system: 'QXU', score: 4 });
      expect(practice.narrative).to.be.a('string');
    }
  });

  it('stops pointing to a system’s practice as soon as it withdraws its consent', async () => {
    const qxuUser = await api.tokenFor('system-user', 'QXU');
    const withdrawn = await api.call(qxuUser, 'PUT', `/api/v1/assessments/${ids.get('QXU')}/sharing`, { basedOnVersion: 1, shareGoodPractice: false });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).to.equal(200);
    expect((await api.call(api.adminToken, 'GET', `/api/v1/assessments/${ids.get('QT6')}/improvement`)).body.goodPractice).to.deep.equal([]);
  });

  it('records a system’s own ambitions (only its own team may) and shows progress against the line to target', async () => {
    const id = ids.get('QOX') ?? (await api.call(api.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' })).body.id;
    const ambition = { title: 'Fewer falls admissions', metric: 'Emergency admissions for falls per 100,000 aged 65+', baseline: 2200, baselineDate: '2023-04-01', target: 1800, targetDate: '2027-03-31', latest: 1950, latestDate: '2025-03-31', direction: 'lower-is-better' };
    const other = await api.tokenFor('system-user', 'QHG');
    expect((await api.call(other, 'PUT', `/api/v1/assessments/${id}/ambitions`, { basedOnVersion: 0, ambitions: [ambition] })).status).to.equal(404);
    const invalid = await api.call(api.adminToken, 'PUT', `/api/v1/assessments/${id}/ambitions`, { basedOnVersion: 0, ambitions: [{ ...ambition, targetDate: '2020-01-01', latestDate: null }] });
    expect(invalid.status).to.equal(400);
    expect(invalid.body.errors.map((error: { path: string }) => error.path)).to.have.members(['ambitions[0].targetDate', 'ambitions[0].latestDate']);
    const own = await api.tokenFor('system-user', 'QOX');
    expect((await api.call(own, 'PUT', `/api/v1/assessments/${id}/ambitions`, { basedOnVersion: 0, ambitions: [ambition] })).status).to.equal(200);
    const improvement = (await api.call(own, 'GET', `/api/v1/assessments/${id}/improvement`)).body;
    expect(improvement.ambitionsVersion).to.equal(1);
    expect(improvement.ambitions[0]).to.include({ title: 'Fewer falls admissions', status: 'ahead' });
    expect(improvement.ambitions[0].progress).to.be.closeTo(0.625, 1e-9);
  });

  it('reads good practice from an index kept in the database, rebuilt at start from the records (after a crash between a record and its entry)', async () => {
    const reader = { userId: 'test', name: 'Test', role: 'admin' as const, system: null };
    const goodPracticeOf = async (server: TestServer) => (await server.server.services.improvement.improvement(ids.get('QT6')!, reader)).goodPractice;
    const qxuUser = await api.tokenFor('system-user', 'QXU');
    expect((await api.call(qxuUser, 'PUT', `/api/v1/assessments/${ids.get('QXU')}/sharing`, { basedOnVersion: 2, shareGoodPractice: true })).status).to.equal(200);
    const shared = await goodPracticeOf(api);
    expect(shared.length).to.be.greaterThan(0);
    const entry = await api.server.database.models.goodPractice.findById(ids.get('QXU')).lean();
    expect(entry).to.include({ system: 'QXU', shares: true });
    // An entry that disagrees with the records while naming their sequence: what is read can then only be the index. (An entry
    // missing, or made from an older sequence as a crash between a record and its entry leaves it, is made again when read.)
    await api.server.database.models.goodPractice.updateOne({ _id: ids.get('QXU') }, { $set: { strengths: [] } });
    expect(await goodPracticeOf(api), 'the index, not the records, is read').to.deep.equal([]);
    await api.stop({ keepData: true });
    api = await startTestServer({ SEED_DEMO: 'true' }, api.dataDir);
    expect(await goodPracticeOf(api)).to.deep.equal(shared);
  });
});
