import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { hoscEvidenceScoring4 } from '../../support/evidence.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

type Record_ = { assessmentId: string; kind: string; perspective: string | null; criterion: string | null; version: number; content: any; by: { userId: string; name: string }; at: string };
type Export = { format: string; formatVersion: number; assessment: any; records: Record_[] };

const rationale = 'The panel read the minutes and agreed a lower score than the assessor.';

/**
 * Issue 13, finding 4: an assessor importing a hand-edited export to forge history. Every import
 * here goes into the server the export came from, under a new id and period, as an assessor.
 */
describe('Import: what an export may not forge', function () {
  this.timeout(120_000);
  let api: TestServer;
  let importer: string;
  let importerId: string;
  let colleague: { id: string; name: string };
  let original: Export;
  let year = 1950;

  /** The export under a new id and an unused period, changed as the forger likes. */
  const forged = (change: (copy: Export) => void = () => undefined): Export => {
    const id = randomUUID();
    year += 1;
    const copy = structuredClone(original);
    copy.assessment.id = id;
    copy.assessment.period = `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
    for (const record of copy.records) record.assessmentId = id;
    change(copy);
    return copy;
  };
  const importing = (body: Export) => api.call(importer, 'POST', '/api/v1/assessments/import', body);
  const index = (copy: Export, kind: string, version = 1) => copy.records.findIndex((record) => record.kind === kind && record.version === version);

  before(async () => {
    api = await startTestServer();
    const self = await api.tokenFor('system-user', 'QOX');
    const assessor = await api.tokenFor('assessor');
    const person = async (name: string) => {
      const user = (await api.call(api.adminToken, 'POST', '/api/v1/users', { email: `${name.toLowerCase().replace(/\W+/g, '-')}@example.org`, name, role: 'assessor', system: null })).body;
      return { id: user.id as string, name, token: (await api.call(api.adminToken, 'POST', '/api/v1/tokens', { userId: user.id, name: 'test' })).body.secret as string };
    };
    const forger = await person('Fay Forger');
    importer = forger.token;
    importerId = forger.id;
    const honest = await person('Colin Colleague');
    colleague = { id: honest.id, name: honest.name };

    const id = (await api.call(self, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' })).body.id;
    const ok = async (token: string, method: string, path: string, body: unknown) => {
      const response = await api.call(token, method, `/api/v1/assessments/${id}${path}`, body);
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    };
    await ok(self, 'PUT', '/perspectives/self/criteria/hosc-effectiveness/evidence', { basedOnVersion: 0, evidence: hoscEvidenceScoring4() });
    await ok(self, 'PUT', '/sharing', { basedOnVersion: 0, shareGoodPractice: true });
    await ok(self, 'POST', '/status', { to: 'submitted', version: 1, acknowledgeEmptyCriteria: true });
    await ok(assessor, 'PUT', '/perspectives/assessor/criteria/hosc-effectiveness/evidence', { basedOnVersion: 0, evidence: hoscEvidenceScoring4() });
    await ok(assessor, 'PUT', '/perspectives/assessor/criteria/hosc-effectiveness/judgement', { basedOnVersion: 0, judgement: { decision: 'accept' } });
    await ok(assessor, 'POST', '/status', { to: 'in-review', version: 2 });
    await ok(assessor, 'POST', '/reveal', { reason: 'No peer review this time: the panel moderates now.' });
    await ok(assessor, 'PUT', '/criteria/hosc-effectiveness/moderation', { basedOnVersion: 0, outcome: { score: 2 }, rationale });
    original = (await api.call(api.adminToken, 'GET', `/api/v1/assessments/${id}/export`)).body;
  });
  after(() => api?.stop());

  it('attributes every record to the importer, the exported author kept as a labelled note, and records the import itself', async () => {
    const body = forged((copy) => {
      for (const record of copy.records) record.by = record.kind === 'status' ? { userId: 'cqc-chief', name: 'Chief Inspector (CQC)' } : { userId: colleague.id, name: colleague.name };
    });
    const imported = await importing(body);
    expect(imported.status, JSON.stringify(imported.body)).to.equal(201);
    const importerName = 'Fay Forger';
    expect(imported.body.statusHistory.map((step: { by: object }) => step.by)).to.deep.equal(imported.body.statusHistory.map(() => ({ userId: importerId, name: `${importerName} (imported; as exported: Chief Inspector (CQC))` })));
    const audit = (await api.call(importer, 'GET', `/api/v1/assessments/${body.assessment.id}/audit`)).body as Array<{ by: { userId: string; name: string }; action: string }>;
    expect(audit.filter((entry) => entry.by.userId !== importerId)).to.deep.equal([]);
    expect(audit.filter((entry) => entry.action !== 'assessment imported').every((entry) => entry.by.name.startsWith(`${importerName} (imported; as exported: `))).to.equal(true);
    expect(audit.at(-1)).to.deep.include({ action: 'assessment imported', subject: `assessment of QOX for ${body.assessment.period}`, by: { userId: importerId, name: importerName } });

    // The forged lenient score (4 against a moderated 2) is the importer's in the leniency table, not the colleague's.
    const calibration = (await api.call(api.adminToken, 'GET', `/api/v1/calibration?period=${encodeURIComponent(body.assessment.period)}`)).body;
    expect(calibration.assessors.map((row: { scorerId: string }) => row.scorerId)).to.deep.equal([importerId]);
  });

  it('leaves out consent to share: the importing system gives it itself, so its practice is shown to nobody', async () => {
    const body = forged();
    expect(body.records.filter((record) => record.kind === 'sharing').map((record) => record.content)).to.deep.equal([{ shareGoodPractice: true }]);
    expect((await importing(body)).status).to.equal(201);
    const again = (await api.call(api.adminToken, 'GET', `/api/v1/assessments/${body.assessment.id}/export`)).body as Export;
    expect(again.records.filter((record) => record.kind === 'sharing')).to.deep.equal([]);
    expect(again.records.find((record) => record.kind === 'import')?.content).to.deep.equal({ records: body.records.length - 1, sharingLeftOut: 1 });
    expect((await api.call(api.adminToken, 'GET', `/api/v1/assessments/${body.assessment.id}/improvement`)).body.sharesGoodPractice).to.equal(false);
  });

  it('takes the system’s name and region from the registry, and refuses a retired system', async () => {
    const renamed = forged((copy) => Object.assign(copy.assessment, { systemName: 'A system that never was', region: 'Atlantis' }));
    const imported = await importing(renamed);
    expect(imported.status).to.equal(201);
    const qox = (await api.call(api.adminToken, 'GET', '/api/v1/systems/QOX')).body;
    expect(imported.body).to.include({ systemName: qox.name, region: qox.region });

    expect((await api.call(api.adminToken, 'POST', '/api/v1/systems', { odsCode: 'QZ9', onsCode: 'E54099999', name: 'A retired ICB', shortName: 'Retired', region: 'London' })).status).to.equal(201);
    expect((await api.call(api.adminToken, 'PATCH', '/api/v1/systems/QZ9', { action: 'retire', version: 1 })).status).to.equal(200);
    const retired = await importing(forged((copy) => Object.assign(copy.assessment, { system: 'QZ9', systemName: 'Anything', region: 'Anywhere' })));
    expect(retired.status).to.equal(409);
    expect(retired.body.detail).to.match(/QZ9 is retired/);
  });

  it('refuses times in the future, times going back within a series, and records from before the assessment was created', async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const cases: Array<[string, (copy: Export) => void]> = [
      ['in the future', (copy) => void (copy.records[index(copy, 'moderation')]!.at = future)],
      ['going back', (copy) => {
        const second = copy.records[index(copy, 'status', 2)]!;
        second.at = new Date(Date.parse(copy.records[index(copy, 'status', 1)]!.at) - 1000).toISOString();
      }],
      ['before the assessment', (copy) => void (copy.records[index(copy, 'evidence')]!.at = '2019-04-01T09:00:00.000Z')],
    ];
    for (const [what, change] of cases) {
      const body = forged(change);
      const refused = await importing(body);
      expect(refused.status, what).to.equal(400);
      expect(refused.body.errors.map((error: { path: string }) => error.path), what).to.satisfy((paths: string[]) => paths.some((path) => /^records\[\d+\]\.at$/.test(path)));
      expect((await api.call(api.adminToken, 'GET', `/api/v1/assessments/${body.assessment.id}`)).status, what).to.equal(404);
    }
  });

  it('refuses a status step taken before what it needs: a "published" assessment with no evidence and no moderation, dated 2019', async () => {
    const at = (minute: number) => `2019-06-01T10:0${minute}:00.000Z`;
    const body = forged((copy) => {
      const { assessmentId } = copy.records[0]!;
      copy.assessment.createdAt = at(0);
      copy.assessment.status = 'published';
      copy.assessment.version = 5;
      copy.records = (['draft', 'submitted', 'in-review', 'moderated', 'published'] as const).map((status, step) => ({ assessmentId, kind: 'status', perspective: null, criterion: null, version: step + 1, content: { status }, by: { userId: 'cqc-chief', name: 'Chief Inspector (CQC)' }, at: at(step) }));
      copy.assessment.statusHistory = copy.records.map((record) => ({ status: record.content.status, by: record.by, at: record.at }));
    });
    const refused = await importing(body);
    expect(refused.status).to.equal(400);
    const messages = refused.body.errors.map((error: { message: string }) => error.message);
    expect(messages).to.include('The step to submitted was taken before what it needs: The self-assessment has no evidence: add evidence for at least one criterion before submitting');
    expect(messages).to.include('The step to moderated was taken before what it needs: The assessor perspective has no evidence: the assessors record theirs before the panel moderates');
    expect((await api.call(api.adminToken, 'GET', `/api/v1/assessments/${body.assessment.id}`)).status).to.equal(404);
  });
});
