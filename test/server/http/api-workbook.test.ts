import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { hoscEvidenceScoring4, item } from '../../support/evidence.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const formula = '=HYPERLINK("http://evil.example/","click")';

async function workbookOf(response: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
  return workbook;
}

describe('REST API: Excel workbooks of an assessment and of calibration', function () {
  this.timeout(120000);
  let api: TestServer;
  let id: string;
  let qox: string;

  before(async () => {
    api = await startTestServer({ SEED_DEMO: 'true' });
    qox = await api.tokenFor('system-user', 'QOX');
    const created = await api.call(qox, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2026/27' });
    id = created.body.id;
    const evidence = hoscEvidenceScoring4();
    evidence.indicators.systemSessions = item(4, formula, '2025-03-31');
    const saved = await api.call(qox, 'PUT', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness/evidence`, { basedOnVersion: 0, evidence: { ...evidence, narrative: item('-1 session was inquorate\n@SUM(A1:A9)', 'Self-assessment', '2025-03-31') } });
    expect(saved.status).to.equal(200);
    const judged = await api.call(qox, 'PUT', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness/judgement`, { basedOnVersion: 0, judgement: { decision: 'override', score: 3, rationale: '+ one session was inquorate, so the panel counts three' } });
    expect(judged.status).to.equal(200);
  });
  after(() => api.stop());

  const download = (token: string, path: string) => fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('gives the assessment as a workbook: sheets named for people, frozen headers, real numbers and dates, formulas as text', async () => {
    const response = await download(qox, `/api/v1/assessments/${id}/workbook.xlsx`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('cache-control')).to.equal('private, no-store');
    expect(response.headers.get('content-disposition')).to.equal('attachment; filename="assessment-QOX-2026-27.xlsx"');
    const workbook = await workbookOf(response);
    expect(workbook.worksheets.map((sheet) => sheet.name)).to.deep.equal(['Scores', 'Findings', 'Evidence', 'Judgements', 'Moderation', 'Dissent']);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0], sheet.name).to.include({ state: 'frozen', ySplit: 1 });
      expect(sheet.getRow(1).font?.bold, sheet.name).to.equal(true);
    }

    const scores = workbook.getWorksheet('Scores')!;
    const hosc = scores.getRows(2, scores.rowCount - 1)!.find((row) => row.getCell(1).value === 'hosc-effectiveness' && row.getCell(3).value === 'self')!;
    expect(hosc.getCell(4).value).to.equal(4); // proposed, a number
    expect(hosc.getCell(5).value).to.equal(3); // judged
    expect(hosc.getCell(7).value).to.equal('overridden');

    const evidence = workbook.getWorksheet('Evidence')!;
    const rows = evidence.getRows(2, evidence.rowCount - 1)!;
    const sessions = rows.find((row) => row.getCell(3).value === 'systemSessions')!;
    expect(sessions.getCell(4).value).to.equal(4);
    expect(sessions.getCell(4).type).to.equal(ExcelJS.ValueType.Number);
    // The source is text that would run as a formula: it reads back as text, neutralised, and no cell holds a formula.
    expect(sessions.getCell(6).type).to.equal(ExcelJS.ValueType.String);
    expect(sessions.getCell(6).value).to.equal(`'${formula}`);
    expect(sessions.getCell(7).value).to.be.instanceOf(Date);
    expect((sessions.getCell(7).value as Date).toISOString()).to.equal('2025-03-31T00:00:00.000Z');
    expect(sessions.getCell(10).value).to.be.instanceOf(Date);
    const narrative = rows.find((row) => row.getCell(3).value === 'narrative')!;
    expect(narrative.getCell(5).value).to.equal("'-1 session was inquorate\n'@SUM(A1:A9)");
    const judgement = workbook.getWorksheet('Judgements')!.getRow(2);
    expect(judgement.getCell(4).value).to.equal(3);
    expect(judgement.getCell(6).value).to.equal("'+ one session was inquorate, so the panel counts three");
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type, `${sheet.name}!${cell.address}`).to.not.equal(ExcelJS.ValueType.Formula))));
  });

  it('has the same access as reading the assessment: another system is not found, no token is refused', async () => {
    const other = await api.tokenFor('system-user', 'QHG');
    expect((await download(other, `/api/v1/assessments/${id}/workbook.xlsx`)).status).to.equal(404);
    expect((await fetch(`${api.url}/api/v1/assessments/${id}/workbook.xlsx`)).status).to.equal(401);
  });

  it('downloads the same workbook from the pages, private and not stored', async () => {
    const session = await api.server.services.sessions.start((await api.account('system-user', 'QOX')).userId);
    const response = await fetch(`${api.url}/assessments/${id}/workbook.xlsx`, { redirect: 'manual', headers: { cookie: `__Host-ics-session=${session}; ics-session=${session}` } });
    expect(response.status).to.equal(200);
    expect(response.headers.get('cache-control')).to.equal('private, no-store');
    expect(response.headers.get('content-disposition')).to.equal('attachment; filename="assessment-QOX-2026-27.xlsx"');
    expect((await workbookOf(response)).worksheets.map((sheet) => sheet.name)).to.deep.equal(['Scores', 'Findings', 'Evidence', 'Judgements', 'Moderation', 'Dissent']);
  });

  it('gives the calibration tables of a period as a workbook, and refuses a system user', async () => {
    const response = await download(api.adminToken, '/api/v1/calibration/workbook.xlsx?period=2025/26');
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-disposition')).to.equal('attachment; filename="calibration-2025-26.xlsx"');
    expect(response.headers.get('cache-control')).to.equal('private, no-store');
    const workbook = await workbookOf(response);
    expect(workbook.worksheets.map((sheet) => sheet.name)).to.deep.equal(['Assessors', 'Self-assessment', 'Distribution']);
    const assessors = workbook.getWorksheet('Assessors')!;
    expect(assessors.getRow(1).getCell(1).value).to.equal('Assessor');
    const demo = assessors.getRows(2, assessors.rowCount - 1)!.find((row) => row.getCell(1).value === 'Demo assessor')!;
    expect(demo.getCell(4).type).to.equal(ExcelJS.ValueType.Number);
    const distribution = workbook.getWorksheet('Distribution')!;
    expect(distribution.rowCount - 1).to.be.greaterThan(9 * 6);
    expect(distribution.getRow(2).getCell(4).type).to.be.oneOf([ExcelJS.ValueType.Number, ExcelJS.ValueType.Null]);
    expect((await download(qox, '/api/v1/calibration/workbook.xlsx?period=2025/26')).status).to.equal(403);
  });
});
