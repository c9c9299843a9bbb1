import { expect } from 'chai';
import { hoscEvidenceScoring4 } from '../../support/evidence.ts';
import { startTestServer, type ApiResponse, type TestServer } from '../../support/test-server.ts';

/**
 * Production scales out as stateless instances behind a load balancer, on one database. Two server
 * processes' worth of services (each with its own memory: request memos, summaries' refresh queue,
 * good practice index) on one embedded database, written through both at once.
 */
describe('two instances on one database', function () {
  this.timeout(180_000);
  let first: TestServer;
  let second: TestServer;
  let token: string;

  before(async () => {
    first = await startTestServer({ SEED_DEMO: 'false' });
    second = await startTestServer({ MONGODB_URI: first.server.embedded!.uri, SEED_DEMO: 'false' });
    token = first.adminToken;
  });
  after(async () => {
    await second?.stop();
    await first?.stop();
  });

  const via = (instance: TestServer, method: string, path: string, body?: unknown): Promise<ApiResponse> => instance.call(token, method, path, body);
  const evidencePath = (id: string, criterion = 'hosc-effectiveness') => `/api/v1/assessments/${id}/perspectives/self/criteria/${criterion}/evidence`;

  it('loses no update when writers on both instances each add versions, retrying on 409', async () => {
    const created = await via(first, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' });
    expect(created.status).to.equal(201);
    const id = created.body.id as string;
    let acknowledged = 0;
    const writer = async (instance: TestServer, times: number) => {
      for (let done = 0; done < times; ) {
        const current = await via(instance, 'GET', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness`);
        const version = (current.body.evidence?.version as number | undefined) ?? 0;
        const saved = await via(instance, 'PUT', evidencePath(id), { basedOnVersion: version, evidence: hoscEvidenceScoring4() });
        if (saved.status === 200 || saved.status === 201) {
          done += 1;
          acknowledged += 1;
        } else expect(saved.status, JSON.stringify(saved.body)).to.equal(409);
      }
    };
    await Promise.all([writer(first, 4), writer(second, 4), writer(first, 4), writer(second, 4)]);
    const versions = await via(second, 'GET', `${evidencePath(id)}/versions`);
    expect(versions.body.items ?? versions.body).to.have.length(acknowledged);
    for (const instance of [first, second]) {
      const state = await via(instance, 'GET', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness`);
      expect(state.body.evidence.version).to.equal(acknowledged);
    }
  });

  it('shows a write on one instance to a read on the other at once, status included', async () => {
    const id = (await via(second, 'POST', '/api/v1/assessments', { system: 'QWO', period: '2025/26' })).body.id as string;
    expect((await via(first, 'PUT', evidencePath(id), { basedOnVersion: 0, evidence: hoscEvidenceScoring4() })).status).to.be.oneOf([200, 201]);
    expect((await via(second, 'GET', `/api/v1/assessments/${id}/perspectives/self/score`)).body.criteria.find((criterion: { criterion: string }) => criterion.criterion === 'hosc-effectiveness').proposed).to.deep.equal({ score: 4 });
    const assessment = await via(first, 'GET', `/api/v1/assessments/${id}`);
    expect((await via(second, 'POST', `/api/v1/assessments/${id}/status`, { to: 'submitted', version: assessment.body.version, acknowledgeEmptyCriteria: true })).status).to.equal(200);
    expect((await via(first, 'GET', `/api/v1/assessments/${id}`)).body.status).to.equal('submitted');
    expect((await via(first, 'PUT', evidencePath(id, 'partner-engagement'), { basedOnVersion: 0, evidence: {} })).status).to.equal(409);
  });

  it('gives the same national view from both instances, and brings back summaries emptied behind their backs', async () => {
    const calibration = async (instance: TestServer) => (await via(instance, 'GET', '/api/v1/calibration?period=2025/26')).body;
    const before = await calibration(first);
    expect(await calibration(second)).to.deep.equal(before);
    await first.server.database.connection.collection('assessment_summaries').deleteMany({});
    expect(await calibration(second)).to.deep.equal(before);
    expect(await first.server.database.connection.collection('assessment_summaries').countDocuments()).to.be.greaterThan(0);
  });
});
