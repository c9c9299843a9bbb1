import { expect } from 'chai';
import { startEmbeddedFerretDb } from '../../../server/db/embedded-ferretdb.ts';
import { hoscEvidenceScoring4 } from '../../support/evidence.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('durability: restarts and database outages', function () {
  this.timeout(90000);

  it('keeps everything across a stop and start of the server and its database', async () => {
    let api: TestServer = await startTestServer();
    const dataDir = api.dataDir;
    const admin = api.adminToken;
    try {
      const created = await api.call(admin, 'POST', '/api/v1/assessments', { system: 'QUA', period: '2025/26' });
      const id = created.body.id;
      await api.call(admin, 'PUT', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness/evidence`, { basedOnVersion: 0, evidence: hoscEvidenceScoring4() });
      await api.call(admin, 'POST', `/api/v1/assessments/${id}/status`, { to: 'submitted', version: 1 });
      await api.call(admin, 'PATCH', '/api/v1/systems/QUA', { action: 'rename', name: 'NHS Black Country ICB (renamed)', shortName: 'Black Country', version: 1 });
      const before = await Promise.all([`/api/v1/assessments/${id}`, `/api/v1/assessments/${id}/audit`, `/api/v1/assessments/${id}/perspectives/self/score`, '/api/v1/systems/QUA'].map((path) => api.call(admin, 'GET', path)));
      await api.stop({ keepData: true });

      api = await startTestServer({}, dataDir);
      expect(api.server.firstAdminToken, 'no second administrator on restart').to.equal(null);
      const after = await Promise.all([`/api/v1/assessments/${id}`, `/api/v1/assessments/${id}/audit`, `/api/v1/assessments/${id}/perspectives/self/score`, '/api/v1/systems/QUA'].map((path) => api.call(admin, 'GET', path)));
      after.forEach((response, index) => {
        expect(response.status).to.equal(200);
        expect(response.body).to.deep.equal(before[index]?.body);
      });
      expect(after[0]?.body.status).to.equal('submitted');
      expect(after[3]?.body.history.map((change: { action: string }) => change.action)).to.deep.equal(['created', 'renamed']);
    } finally {
      await api.stop();
    }
  });

  it('answers 503 with a clear message while the database is down, and resumes by itself when it returns', async () => {
    const api = await startTestServer();
    try {
      const embedded = api.server.embedded!;
      expect((await api.call(api.adminToken, 'GET', '/api/v1/systems')).status).to.equal(200);
      await embedded.stop();

      const down = await api.call(api.adminToken, 'GET', '/api/v1/systems');
      expect(down.status).to.equal(503);
      expect(down.headers.get('retry-after')).to.equal('5');
      expect(down.body.detail).to.equal('The database cannot be reached just now, so nothing was read or changed. Try again in a few seconds.');
      expect(JSON.stringify(down.body)).to.not.match(/at .+\.(js|ts):\d+/);
      expect((await api.call(api.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' })).status).to.equal(503);
      expect((await api.call(null, 'GET', '/api/v1/health')).status).to.equal(503);

      const back = await startEmbeddedFerretDb({ dataDir: api.dataDir, port: embedded.port });
      try {
        let status = 0;
        for (let attempt = 0; attempt < 40 && status !== 200; attempt += 1) {
          status = (await api.call(api.adminToken, 'GET', '/api/v1/systems')).status;
          if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
        }
        expect(status).to.equal(200);
        expect((await api.call(api.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' })).status).to.equal(201);
      } finally {
        await back.stop();
      }
    } finally {
      await api.stop();
    }
  });
});
