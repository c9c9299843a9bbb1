import { expect } from 'chai';
import { hoscEvidenceScoring4, item } from '../../support/evidence.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

// Many people editing the same criterion at once (api-assessments.test.ts races two): optimistic
// concurrency must pick exactly one winner per version and never lose an update.
describe('concurrent edits of one criterion by many writers (real server)', function () {
  this.timeout(120000);
  let api: TestServer;
  let writers: string[];
  before(async () => {
    api = await startTestServer();
    writers = await Promise.all(Array.from({ length: 8 }, () => api.tokenFor('system-user', 'QOX')));
  });
  after(() => api?.stop());

  const evidence = (sessions: number) => ({ indicators: { ...hoscEvidenceScoring4().indicators, systemSessions: item(sessions) } });
  const newAssessment = async (period: string) => (await api.call(api.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period })).body.id as string;
  const criterionPath = (id: string) => `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness`;

  it('of 16 writers saving from the same version, exactly one wins and the other 15 get 409 with the new version', async () => {
    const id = await newAssessment('2025/26');
    expect((await api.call(writers[0]!, 'PUT', `${criterionPath(id)}/evidence`, { basedOnVersion: 0, evidence: evidence(1) })).status).to.equal(200);
    const results = await Promise.all(Array.from({ length: 16 }, (_, index) => api.call(writers[index % writers.length]!, 'PUT', `${criterionPath(id)}/evidence`, { basedOnVersion: 1, evidence: evidence(10 + index) })));
    const winners = results.filter((result) => result.status === 200);
    expect(winners).to.have.length(1);
    const losers = results.filter((result) => result.status === 409);
    expect(losers).to.have.length(15);
    for (const loser of losers) expect(loser.body.currentVersion).to.equal(2);
    const versions = (await api.call(api.adminToken, 'GET', `${criterionPath(id)}/evidence/versions`)).body;
    expect(versions.map((record: { version: number }) => record.version)).to.deep.equal([1, 2]);
    expect(versions[1].content.evidence.indicators.systemSessions.value).to.equal(winners[0]!.body.content.evidence.indicators.systemSessions.value);
  });

  it('loses no update when 8 writers each add one, 5 times, reloading and retrying on every 409', async () => {
    const id = await newAssessment('2024/25');
    expect((await api.call(writers[0]!, 'PUT', `${criterionPath(id)}/evidence`, { basedOnVersion: 0, evidence: evidence(0) })).status).to.equal(200);
    const made = await Promise.all(
      writers.map(async (token) => {
        const mine: number[] = [];
        let conflicts = 0;
        while (mine.length < 5) {
          const current = (await api.call(token, 'GET', criterionPath(id))).body.evidence;
          const saved = await api.call(token, 'PUT', `${criterionPath(id)}/evidence`, { basedOnVersion: current.version, evidence: evidence(current.content.evidence.indicators.systemSessions.value + 1) });
          if (saved.status === 200) mine.push(saved.body.version);
          else if (saved.status === 409) conflicts += 1;
          else throw new Error(`A writer got ${saved.status}: ${JSON.stringify(saved.body)}`);
        }
        return { mine, conflicts };
      }),
    );
    const versions = (await api.call(api.adminToken, 'GET', `${criterionPath(id)}/evidence/versions`)).body as Array<{ version: number; by: { userId: string }; content: { evidence: { indicators: { systemSessions: { value: number } } } } }>;
    expect(versions.map((record) => record.version)).to.deep.equal(Array.from({ length: 41 }, (_, index) => index + 1));
    expect(versions.map((record) => record.content.evidence.indicators.systemSessions.value), 'each save added one to the one before it').to.deep.equal(Array.from({ length: 41 }, (_, index) => index));
    expect(made.flatMap((writer) => writer.mine).sort((a, b) => a - b), 'each writer’s acknowledged versions, once each').to.deep.equal(Array.from({ length: 40 }, (_, index) => index + 2));
    expect(made.reduce((sum, writer) => sum + writer.conflicts, 0), 'the writers really did collide').to.be.greaterThan(0);
  });
});
