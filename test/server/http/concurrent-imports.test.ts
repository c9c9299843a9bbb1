import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { hoscEvidenceScoring4 } from '../../support/evidence.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

type ExportedRecord = { kind: string; perspective: string | null; criterion: string | null; version: number; content: unknown; at: string };

/** What an import must keep of a record, whoever it is then attributed to. */
const kept = (record: ExportedRecord) => JSON.stringify([record.kind, record.perspective, record.criterion, record.version, record.content, record.at]);

describe('Import: two or three identical imports at once', function () {
  this.timeout(120_000);
  let api: TestServer;
  let exported: { assessment: Record<string, unknown>; records: ExportedRecord[] };
  before(async () => {
    api = await startTestServer();
    const id = (await api.call(api.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' })).body.id;
    await api.call(api.adminToken, 'PUT', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness/evidence`, { basedOnVersion: 0, evidence: hoscEvidenceScoring4() });
    await api.call(api.adminToken, 'PUT', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness/judgement`, { basedOnVersion: 0, judgement: { decision: 'accept' } });
    expect((await api.call(api.adminToken, 'POST', `/api/v1/assessments/${id}/status`, { to: 'submitted', version: 1, acknowledgeEmptyCriteria: true })).status).to.equal(200);
    exported = (await api.call(api.adminToken, 'GET', `/api/v1/assessments/${id}/export`)).body;
  });
  after(() => api?.stop());

  for (const importers of [2, 3]) {
    it(`${importers} at once: exactly one is created, the others get 409, and the one created keeps every record (4 trials)`, async () => {
      for (let trial = 0; trial < 4; trial += 1) {
        const id = randomUUID();
        const year = 1990 + importers * 5 + trial;
        const body = { ...exported, assessment: { ...exported.assessment, id, period: `${year}/${String((year + 1) % 100).padStart(2, '0')}` }, records: exported.records.map((record) => ({ ...record, assessmentId: id })) };
        const responses = await Promise.all(Array.from({ length: importers }, () => api.call(api.adminToken, 'POST', '/api/v1/assessments/import', body)));
        expect(responses.map((response) => response.status).sort(), `trial ${trial}`).to.deep.equal([201, ...Array(importers - 1).fill(409)]);
        const created = responses.find((response) => response.status === 201)!.body;
        expect(created).to.include({ status: 'submitted', version: 2 });
        const again = (await api.call(api.adminToken, 'GET', `/api/v1/assessments/${id}/export`)).body as typeof exported;
        const there = new Set(again.records.map(kept));
        expect(exported.records.filter((record) => !there.has(kept(record))).map((record) => `${record.kind} ${record.version}`), `trial ${trial}: records lost`).to.deep.equal([]);
        const audit = await api.call(api.adminToken, 'GET', `/api/v1/assessments/${id}/audit`);
        expect(audit.body.length, `trial ${trial}`).to.be.at.least(exported.records.length);
      }
    });
  }

  it('refuses an import while another holds the id, and takes over a claim left by an import that died (older than 10 minutes)', async () => {
    const { importClaims } = api.server.database.models;
    const copy = (year: number) => {
      const id = randomUUID();
      return { ...exported, assessment: { ...exported.assessment, id, period: `${year}/${String((year + 1) % 100).padStart(2, '0')}` }, records: exported.records.map((record) => ({ ...record, assessmentId: id })) };
    };
    const held = copy(2030);
    await importClaims.create({ _id: held.assessment.id, claimedAt: new Date(), claimedBy: 'another importer' });
    const refused = await api.call(api.adminToken, 'POST', '/api/v1/assessments/import', held);
    expect(refused.status).to.equal(409);
    expect(refused.body.detail).to.match(/is being imported by someone else/);
    expect(await importClaims.findById(held.assessment.id).lean()).to.include({ claimedBy: 'another importer' });

    const abandoned = copy(2031);
    await importClaims.create({ _id: abandoned.assessment.id, claimedAt: new Date(Date.now() - 11 * 60 * 1000), claimedBy: 'an import that died' });
    expect((await api.call(api.adminToken, 'POST', '/api/v1/assessments/import', abandoned)).status).to.equal(201);
    expect(await importClaims.findById(abandoned.assessment.id).lean()).to.equal(null);
  });
});
