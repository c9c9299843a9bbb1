import { expect } from 'chai';
import { updateReferenceData } from '../../../server/services/reference-data.ts';
import { evidenceByOutcome } from '../../support/evidence-from-cases.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

type Library = Awaited<ReturnType<typeof evidenceByOutcome>>;

/** The rows of a CSV, each a list of cells, as a spreadsheet reads them (RFC 4180: quoted cells, doubled quotes, CRLF). */
function csvRows(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let at = 0; at < csv.length; at += 1) {
    const char = csv[at]!;
    if (quoted) {
      if (char === '"' && csv[at + 1] === '"') {
        cell += '"';
        at += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && csv[at + 1] === '\n') at += 1;
      rows.push([...row, cell]);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe('systems through time: the April 2026 map, successions and trends (real server)', function () {
  this.timeout(180_000);
  let api: TestServer;
  let library: Library;

  /** An assessment of a system in a period with self-assessment evidence scoring each criterion as asked. */
  const assess = async (system: string, period: string, profile: Record<string, number | string>): Promise<string> => {
    const created = await api.call(api.adminToken, 'POST', '/api/v1/assessments', { system, period });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    for (const [criterion, outcome] of Object.entries(profile)) {
      const saved = await api.call(api.adminToken, 'PUT', `/api/v1/assessments/${created.body.id}/perspectives/self/criteria/${criterion}/evidence`, { basedOnVersion: 0, evidence: library.get(criterion)!.get(outcome) });
      expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
    }
    return created.body.id;
  };

  before(async () => {
    library = await evidenceByOutcome();
    api = await startTestServer();
  });
  after(() => api?.stop());

  it('first start loads both maps with in-force dates and the 16 successions; loading them again changes nothing', async () => {
    const models = api.server.database.models;
    const all = (await api.call(api.adminToken, 'GET', '/api/v1/systems?includeEnded=true')).body;
    expect(all).to.have.length(48);
    expect((await api.call(api.adminToken, 'GET', '/api/v1/systems?period=2025/26')).body).to.have.length(42);
    expect((await api.call(api.adminToken, 'GET', '/api/v1/systems?period=2026/27')).body).to.have.length(36);
    expect(all.find((system: { odsCode: string }) => system.odsCode === 'QXU')).to.include({ inForceFrom: '2022-07-01', inForceUntil: '2026-04-01', status: 'retired' });
    expect(all.find((system: { odsCode: string }) => system.odsCode === 'S9B9J')).to.include({ inForceFrom: '2026-04-01', inForceUntil: null, status: 'active' });
    expect((await api.call(api.adminToken, 'GET', '/api/v1/successions')).body).to.have.length(16);
    const counts = async () => [await models.systems.countDocuments(), await models.systemChanges.countDocuments(), await models.successions.countDocuments()];
    const before = await counts();
    expect(await updateReferenceData(api.server.services.systems)).to.deep.equal({ created: 0, updated: 0, successions: 0 });
    expect(await counts()).to.deep.equal(before);
  });

  it('shows each system’s predecessors and successors, a split predecessor with every successor', async () => {
    const frimley = (await api.call(api.adminToken, 'GET', '/api/v1/systems/QNQ')).body;
    expect(frimley.successors.map((link: { system: string; type: string }) => `${link.system} ${link.type}`)).to.have.members(['S0E4D split', 'S9B9J split', 'QRL acquisition']);
    const surreySussex = (await api.call(api.adminToken, 'GET', '/api/v1/systems/S9B9J')).body;
    expect(surreySussex.predecessors.map((link: { system: string }) => link.system)).to.have.members(['QNQ', 'QNX', 'QXU']);
  });

  it('refuses an assessment for an ended system in a later period, naming its successors; and for a new one before it began, naming its predecessors', async () => {
    const ended = await api.call(api.adminToken, 'POST', '/api/v1/assessments', { system: 'QNQ', period: '2026/27' });
    expect(ended.status).to.equal(400);
    const [issue] = ended.body.errors;
    expect(issue.path).to.equal('period');
    expect(issue.message).to.contain('ended on 1 April 2026').and.contain('NHS Surrey and Sussex Integrated Care Board (S9B9J)').and.contain('NHS Thames Valley Integrated Care Board (S0E4D)').and.contain('(QRL)');
    const early = await api.call(api.adminToken, 'POST', '/api/v1/assessments', { system: 'S9B9J', period: '2025/26' });
    expect(early.status).to.equal(400);
    expect(early.body.errors[0].message).to.contain('began on 1 April 2026').and.contain('(QXU)').and.contain('(QNX)').and.contain('(QNQ)');
    expect((await api.server.database.models.assessments.countDocuments({ system: 'QNQ' })) + (await api.server.database.models.assessments.countDocuments({ system: 'S9B9J' })), 'nothing was written').to.equal(0);
  });

  it('a merged ICB’s trend shows each predecessor’s series to the succession, under its name, then its own; nothing averaged', async () => {
    const heartlands = await assess('QXU', '2025/26', { 'hosc-effectiveness': 2, 'learning-culture': 2 });
    const sussex = await assess('QNX', '2025/26', { 'hosc-effectiveness': 4, 'learning-culture': 4 });
    const merged = await assess('S9B9J', '2026/27', { 'hosc-effectiveness': 3, 'learning-culture': 3 });
    const trend = (await api.call(api.adminToken, 'GET', '/api/v1/systems/S9B9J/trend')).body;
    expect(trend.periods).to.deep.equal(['2025/26', '2026/27']);
    const series = new Map(trend.series.map((entry: { system: string }) => [entry.system, entry]));
    expect([...series.keys()]).to.have.members(['QNQ', 'QNX', 'QXU', 'S9B9J']);
    expect(trend.series.at(-1)).to.include({ system: 'S9B9J', role: 'system', name: 'NHS Surrey and Sussex Integrated Care Board' });
    const points = (code: string) => (series.get(code) as { points: Array<{ assessmentId: string; period: string; scores: Record<string, number | null> }> }).points;
    expect(series.get('QXU')).to.include({ role: 'predecessor', name: 'NHS Surrey Heartlands Integrated Care Board', until: '2026-04-01' });
    expect(points('QXU').map((point) => [point.assessmentId, point.period, point.scores['hosc-effectiveness']])).to.deep.equal([[heartlands, '2025/26', 2]]);
    expect(points('QNX').map((point) => [point.assessmentId, point.scores['hosc-effectiveness']])).to.deep.equal([[sussex, 4]]);
    expect(points('S9B9J').map((point) => [point.assessmentId, point.period, point.scores['hosc-effectiveness']])).to.deep.equal([[merged, '2026/27', 3]]);
    expect(points('QNQ')).to.deep.equal([]);
    const csv = await api.call(api.adminToken, 'GET', '/api/v1/systems/S9B9J/trend.csv');
    expect(csv.headers.get('content-type')).to.contain('text/csv');
    const rows = csvRows(csv.body as string);
    expect(rows).to.have.length(4);
    expect(rows.slice(1).map((row) => row.slice(1, 4).join(' '))).to.deep.equal(['QNX 2025/26 QNX', 'QXU 2025/26 QXU', 'S9B9J 2026/27 S9B9J']);
  });

  it('a split predecessor leads to each of its successors’ trends', async () => {
    const midEssex = await assess('QM7', '2025/26', { 'hosc-effectiveness': 3 });
    for (const successor of ['S1Y5D', 'D7T5G']) {
      const trend = (await api.call(api.adminToken, 'GET', `/api/v1/systems/${successor}/trend`)).body;
      const predecessor = trend.series.find((entry: { system: string }) => entry.system === 'QM7');
      expect(predecessor, successor).to.include({ role: 'predecessor', name: 'NHS Hertfordshire and West Essex Integrated Care Board' });
      expect(predecessor.points.map((point: { assessmentId: string }) => point.assessmentId), successor).to.deep.equal([midEssex]);
    }
  });

  it('the national view sets each system’s rating beside its previous period’s or its predecessors’, for those who compare systems only', async () => {
    const national = (await api.call(api.adminToken, 'GET', '/api/v1/national?period=2026/27')).body;
    expect(national.previousPeriod).to.equal('2025/26');
    expect(national.rows).to.have.length(36);
    const row = national.rows.find((entry: { system: string }) => entry.system === 'S9B9J');
    expect(row.current.system).to.equal('S9B9J');
    expect(row.previous.map((point: { system: string }) => point.system)).to.have.members(['QNX', 'QXU']);
    expect(row.change).to.have.length(2);
    const unassessed = national.rows.find((entry: { system: string }) => entry.system === 'QOX');
    expect(unassessed).to.deep.include({ current: null, previous: [], change: [] });
    expect((await api.call(await api.tokenFor('system-user', 'S9B9J'), 'GET', '/api/v1/national?period=2026/27')).status).to.equal(403);
  });

  it('a successor’s own team sees its trend with its predecessors’ points; another system’s team gets 404', async () => {
    const own = await api.call(await api.tokenFor('system-user', 'S9B9J'), 'GET', '/api/v1/systems/S9B9J/trend');
    expect(own.status).to.equal(200);
    expect(own.body.series.find((entry: { system: string }) => entry.system === 'QXU').points).to.have.length(1);
    expect((await api.call(await api.tokenFor('system-user', 'QOX'), 'GET', '/api/v1/systems/S9B9J/trend')).status).to.equal(404);
  });

  it('records a new succession (April 2027): the predecessor ends then, and can no longer be assessed after', async () => {
    const recorded = await api.call(api.adminToken, 'POST', '/api/v1/successions', { predecessor: 'QOX', successor: 'QUY', date: '2027-04-01', type: 'merger', note: 'Planned merger' });
    expect(recorded.status, JSON.stringify(recorded.body)).to.equal(201);
    expect((await api.call(api.adminToken, 'GET', '/api/v1/systems/QOX')).body).to.include({ inForceUntil: '2027-04-01', status: 'retired', mergedInto: 'QUY' });
    expect((await api.call(api.adminToken, 'POST', '/api/v1/successions', { predecessor: 'QOX', successor: 'QUY', date: '2027-04-01', type: 'merger' })).status, 'the same event twice').to.equal(409);
    const invalid = await api.call(api.adminToken, 'POST', '/api/v1/successions', { predecessor: 'QOX', successor: 'QZQ', date: '2027-04-01', type: 'merger' });
    expect(invalid.status).to.equal(400);
    expect(invalid.body.errors).to.deep.include({ path: 'successor', message: 'There is no system with the code QZQ' });
    expect((await api.call(api.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2026/27' })).status, 'still in force in 2026/27').to.equal(201);
    const after = await api.call(api.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2027/28' });
    expect(after.status).to.equal(400);
    expect(after.body.errors[0].message).to.contain('assess its successor instead: NHS Bristol, North Somerset and South Gloucestershire Integrated Care Board (QUY)');
  });
});
