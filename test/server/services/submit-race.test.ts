import { expect } from 'chai';
import type { Principal } from '../../../assessments/access/roles.ts';
import { hoscEvidenceScoring4 } from '../../support/evidence.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/**
 * Issue 13, finding 6: a save of self-assessment evidence racing the submission was stored after
 * the "submitted" status record, though the self-assessment closes at submission. Every write now
 * takes the next place in its assessment's sequence, its check made against the state it extends.
 * Order is the export's (the sequence), not the records' times.
 */
describe('Submitting while self-assessment evidence is being saved', function () {
  this.timeout(120_000);
  let api: TestServer;
  before(async () => {
    api = await startTestServer();
  });
  after(() => api?.stop());

  it('stores no evidence after the submitted status record (10 trials of a save racing the submit)', async () => {
    const { assessments, criteria } = api.server.services;
    const systems = (await api.server.services.systems.list({ period: '2025/26' })).slice(0, 10);
    for (const [trial, system] of systems.entries()) {
      const team: Principal = { userId: `race-team-${trial}`, name: 'Race team', role: 'system-user', system: system.odsCode };
      const assessment = await assessments.create({ system: system.odsCode, period: '2025/26' }, team);
      await criteria.saveEvidence(assessment.id, 'self', 'hosc-effectiveness', 0, hoscEvidenceScoring4(), team);
      await Promise.allSettled([
        criteria.saveEvidence(assessment.id, 'self', 'hosc-effectiveness', 1, hoscEvidenceScoring4(), team),
        assessments.advance(assessment.id, { to: 'submitted', version: 1, acknowledgeEmptyCriteria: true }, team),
      ]);
      const records = (await api.call(api.adminToken, 'GET', `/api/v1/assessments/${assessment.id}/export`)).body.records as Array<{ kind: string; version: number }>;
      const submitted = records.findIndex((record) => record.kind === 'status' && record.version === 2);
      expect(submitted, `trial ${trial}: the submission happened`).to.be.greaterThan(0);
      const late = records.slice(submitted + 1).filter((record) => record.kind === 'evidence');
      expect(late.map((record) => `evidence ${record.version}`), `trial ${trial}`).to.deep.equal([]);
    }
  });
});
