import { expect } from 'chai';
import { signIn, startTestBrowser, type TestBrowser } from '../support/browser.ts';
import { evidenceByOutcome } from '../support/evidence-from-cases.ts';
import { pdfText } from '../support/pdf-tools.ts';
import { storeFixture } from '../support/report-fixtures.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { stepTo } from '../support/workflow-steps.ts';

/** The bands as docs/cqc-scoring.md publishes them, and its rounding (nearest whole number, half up). */
const bands = [
  { label: 'Inadequate', min: 25, max: 38 },
  { label: 'Requires improvement', min: 39, max: 62 },
  { label: 'Good', min: 63, max: 87 },
  { label: 'Outstanding', min: 88, max: 100 },
];
const percentageOf = (scores: number[]) => Math.floor((100 * scores.reduce((sum, score) => sum + score, 0)) / (4 * scores.length) + 0.5);
const bandOf = (percentage: number) => bands.find((band) => percentage >= band.min && percentage <= band.max)!.label;

/**
 * Issue 14's blocker: once the panel moderates a criterion, its score is the final score
 * everywhere. The tester's case: the assessor judged prevention-shift 1 (with partner engagement
 * at 3: 50%, Requires improvement), the panel agreed 2, which gives 63%, Good.
 */
describe('the agreed rating: moderated scores are final everywhere (API, report, PDF, dashboard; real database and Chromium)', function () {
  this.timeout(180_000);
  let api: TestServer;
  let browser: TestBrowser;
  let id: string;
  const call = (method: string, path: string, body?: unknown) => api.call(api.adminToken, method, path, body);
  const beforeModeration = { scores: [3, 1] };
  const afterModeration = { scores: [3, 2] };

  let unmoderated: any;

  before(async () => {
    api = await startTestServer();
    browser = await startTestBrowser(api.url);
    const library = await evidenceByOutcome();
    id = await storeFixture(call, {
      name: 'moderated-prevention',
      system: 'QT6',
      systemName: 'NHS Cornwall and the Isles of Scilly Integrated Care Board',
      region: 'South West',
      period: '2025/26',
      status: 'in-review',
      perspectives: {
        // Submitting needs self-assessment evidence: the team's, on the criteria the assessor scores, so
        // the assessor's judgements stay the basis and no other criterion gains a score.
        self: {
          criteria: { 'prevention-shift': library.get('prevention-shift')!.get(1), 'partner-engagement': library.get('partner-engagement')!.get(3) },
          judgements: {},
        },
        assessor: {
          criteria: { 'prevention-shift': library.get('prevention-shift')!.get(1), 'partner-engagement': library.get('partner-engagement')!.get(3) },
          judgements: { 'prevention-shift': { decision: 'accept' }, 'partner-engagement': { decision: 'accept' } },
        },
      },
      moderation: {},
      ambitions: [],
      goodPractice: [],
    });
    unmoderated = (await call('GET', `/api/v1/assessments/${id}/rating`)).body;
    expect((await call('POST', `/api/v1/assessments/${id}/reveal`, { reason: 'The peer review team withdrew, so the panel moderates now.' })).status).to.equal(200);
    const moderated = await call('PUT', `/api/v1/assessments/${id}/criteria/prevention-shift/moderation`, { basedOnVersion: 0, outcome: { score: 2 }, rationale: 'The panel agreed 2: the baseline is published and the share has begun to rise.' });
    expect(moderated.status).to.equal(200);
    const assessment = (await call('GET', `/api/v1/assessments/${id}`)).body;
    // Moving to moderated needs every other criterion left unmoderated with a reason (stepTo gives them).
    expect((await stepTo(call, id, 'moderated', assessment.version)).status).to.equal('moderated');
  });

  it('before moderation, rests on the assessor’s 1: 50%, Requires improvement', () => {
    const expected = percentageOf(beforeModeration.scores);
    expect(unmoderated.rating).to.deep.include({ percentage: expected, final: { id: 'requires-improvement', label: bandOf(expected) } });
    expect(unmoderated.criteria.find((criterion: { criterion: string }) => criterion.criterion === 'prevention-shift')).to.deep.include({ outcome: { score: 1 }, basis: 'assessor', decision: 'accepted' });
  });

  it('the API gives the panel’s score as final, with each criterion’s basis', async () => {
    const agreed = (await call('GET', `/api/v1/assessments/${id}/rating`)).body;
    const expected = percentageOf(afterModeration.scores);
    expect(expected).to.equal(63);
    expect(agreed.rating.percentage).to.equal(expected);
    expect(agreed.rating.final.label).to.equal(bandOf(expected)).and.to.equal('Good');
    expect(agreed.rating.limiters).to.deep.equal([]);
    const basis = Object.fromEntries(agreed.criteria.map((criterion: { criterion: string; basis: string; outcome: unknown }) => [criterion.criterion, [criterion.basis, criterion.outcome]]));
    expect(basis['prevention-shift']).to.deep.equal(['moderated', { score: 2 }]);
    expect(basis['partner-engagement']).to.deep.equal(['assessor', { score: 3 }]);
    expect(basis['hosc-effectiveness']).to.deep.equal(['not-assessed', null]);
    // The improvement API's path starts from the same final scores.
    const improvement = (await call('GET', `/api/v1/assessments/${id}/improvement`)).body;
    expect(improvement.agreed.rating.percentage).to.equal(expected);
    expect(improvement.path.changes.some((change: { criterion?: string; from?: number }) => change.criterion === 'prevention-shift' && change.from === 1)).to.equal(false);
  });

  it('the report (HTML and PDF) leads with Good 63%, says what it rests on, and its path does not ask to raise prevention from 1', async () => {
    const pdf = await fetch(`${api.url}/api/v1/assessments/${id}/report.pdf`, { headers: { authorization: `Bearer ${api.adminToken}` } });
    expect(pdf.status).to.equal(200);
    const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    const summary = text.slice(text.indexOf('Executive summary'), text.indexOf('Calibration', text.indexOf('Executive summary')));
    expect(summary).to.contain('Good').and.to.contain(`5 of 8 points = ${percentageOf(afterModeration.scores)}%`);
    expect(summary).to.contain('Indicative rating Good').and.not.to.contain('Indicative rating Requires improvement').and.not.to.contain('= 50%');
    expect(summary).to.contain('What this rating rests on');
    expect(summary).to.match(/Progress in shifting resources to prevention, population health and health inequalities 2\s?— Some shortfalls Moderated by the panel/);
    expect(summary).to.match(/Assessor's judgement: accepted the rules' proposal/);
    expect(summary).to.contain('would lift the rating from Good to Outstanding').and.not.to.match(/from 1 to 2/);
  });

  it('the dashboard shows the same rating, and says it rests on the panel’s score', async () => {
    const page = await browser.newPage();
    await signIn(browser, page, api.admin);
    const row = await page.$eval(`a[href="/assessments/${id}"]`, (link) => link.closest('tr')?.textContent?.replace(/\s+/g, ' ') ?? '');
    expect(row).to.contain(`Good, ${percentageOf(afterModeration.scores)}% (provisional)`).and.to.contain('1 moderated by the panel and 1 from the assessor');
  });

  after(async () => {
    await browser?.close();
    await api?.stop();
  });
});
