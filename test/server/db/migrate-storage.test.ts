import { expect } from 'chai';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Principal } from '../../../assessments/access/roles.ts';
import { perspectives } from '../../../assessments/evidence/perspective-evidence.ts';
import { createLogger } from '../../../server/log.ts';
import { AssessmentRecords } from '../../../server/persistence/assessment-records.ts';
import { migrateStorage } from '../../../server/persistence/migrate-storage.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const fixture = new URL('../../fixtures/storage-v1/', import.meta.url);
const reader: Principal = { userId: 'migration-test', name: 'Migration test', role: 'admin', system: null };

interface Expected {
  id: string;
  status: string;
  version: number;
  statusHistory: string[];
  scores: Record<string, { label: string | null; percentage: number | null; criteria: Array<{ criterion: string; outcome: unknown }> }>;
  auditEntries: number;
  records: number;
}

/**
 * A database written by the first storage layout (a collection of records per assessment, content
 * as JSON text): the embedded database's file as commit 6a35c40 left it after seeding the demo, and
 * what that version's API said of each assessment (expected.json, read from it at the time).
 */
describe('moving a database written by the first storage layout', function () {
  this.timeout(120_000);
  let server: TestServer;
  let expected: Expected[];

  before(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ics-migrate-'));
    await mkdir(join(dataDir, 'ferretdb'));
    await writeFile(join(dataDir, 'ferretdb', 'ics_maturity.sqlite'), gunzipSync(await readFile(new URL('ics_maturity.sqlite.gz', fixture))));
    expected = (JSON.parse(await readFile(new URL('expected.json', fixture), 'utf8')) as { assessments: Expected[] }).assessments;
    server = await startTestServer({}, dataDir);
  });
  after(() => server?.stop());

  it('moves every record at start and drops the old collections', async () => {
    const names = (await server.server.database.connection.db!.listCollections().toArray()).map((collection) => collection.name);
    expect(names.filter((name) => name.startsWith('records_'))).to.deep.equal([]);
    for (const assessment of expected) expect(await new AssessmentRecords(server.server.database.connection, server.server.database.layout).count(assessment.id)).to.equal(assessment.records);
    for (const assessment of expected) {
      expect((await server.server.services.criteria.audit(assessment.id, reader)).length, assessment.id).to.equal(assessment.auditEntries);
    }
  });

  it('reads each assessment, its status history and its scores exactly as the first layout did', async () => {
    for (const assessment of expected) {
      const view = await server.server.services.assessments.get(assessment.id, reader);
      expect({ status: view.status, version: view.version, history: view.statusHistory.map((step) => step.status) }).to.deep.equal({ status: assessment.status, version: assessment.version, history: assessment.statusHistory });
      for (const perspective of perspectives) {
        const scored = await server.server.services.criteria.score(assessment.id, perspective, reader);
        const want = assessment.scores[perspective]!;
        expect({ label: scored.rating.final?.label ?? null, percentage: scored.rating.percentage }, `${assessment.id} ${perspective}`).to.deep.equal({ label: want.label, percentage: want.percentage });
        expect(scored.criteria.map((criterion) => ({ criterion: criterion.criterion, outcome: criterion.judgement.outcome ?? null }))).to.deep.equal(want.criteria);
      }
    }
  });

  it('keeps every version of every series in order and exports the same number of records', async () => {
    for (const assessment of expected) {
      const exported = await server.server.services.transfer.export(assessment.id, reader);
      expect(exported.records).to.have.length(assessment.records);
      const seen = new Map<string, number>();
      for (const record of exported.records) {
        const series = `${record.kind}/${record.perspective ?? ''}/${record.criterion ?? ''}`;
        expect(record.version, series).to.equal((seen.get(series) ?? 0) + 1);
        seen.set(series, record.version);
      }
    }
  });

  it('is idempotent: run again, it moves nothing and changes nothing', async () => {
    const { connection, layout } = server.server.database;
    const records = new AssessmentRecords(connection, layout);
    const counts = async () => Promise.all(expected.map((assessment) => records.count(assessment.id)));
    const before = await counts();
    const report = await migrateStorage(connection, records, createLogger('silent'));
    expect(report).to.deep.equal({ assessments: 0, records: 0 });
    expect(await counts()).to.deep.equal(before);
  });
});
