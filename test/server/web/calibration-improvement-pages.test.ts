import { expect } from 'chai';
import { reportPreviewPolicy } from '../../../server/reports/preview-policy.ts';
import { evidenceByOutcome } from '../../support/evidence-from-cases.ts';
import { errorSummaryOf, flashOf, inputValueOf, textOf, titleOf } from '../../support/page-html.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { WebClient } from '../../support/web-client.ts';

describe('Web pages: calibration and improvement', function () {
  this.timeout(180_000);
  let web: TestServer;
  let assessor: WebClient;
  let team: WebClient;
  let weak: string;
  let strong: string;

  before(async () => {
    const library = await evidenceByOutcome();
    web = await startTestServer();
    const assessorToken = await web.tokenFor('assessor');
    /** An assessment in review with these outcomes in the self and assessor perspectives, each criterion moderated at the assessor's score. */
    const assessment = async (system: string, self: Record<string, number>, assessorScores: Record<string, number>, narrative: string) => {
      const teamToken = await web.tokenFor('system-user', system);
      const id = (await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system, period: '2025/26' })).body.id as string;
      const save = async (token: string, perspective: string, criterion: string, outcome: number) => {
        const evidence = { ...library.get(criterion)!.get(outcome)!, narrative: { value: narrative, source: 'Self-assessment', asAt: '2025-03-31' } };
        expect((await web.call(token, 'PUT', `/api/v1/assessments/${id}/perspectives/${perspective}/criteria/${criterion}/evidence`, { basedOnVersion: 0, evidence })).status).to.equal(200);
      };
      for (const [criterion, outcome] of Object.entries(self)) await save(teamToken, 'self', criterion, outcome);
      expect((await web.call(web.adminToken, 'PUT', `/api/v1/assessments/${id}/sharing`, { basedOnVersion: 0, shareGoodPractice: true })).status).to.equal(200);
      expect((await web.call(teamToken, 'POST', `/api/v1/assessments/${id}/status`, { to: 'submitted', version: 1, acknowledgeEmptyCriteria: true })).status).to.equal(200);
      for (const [criterion, outcome] of Object.entries(assessorScores)) await save(assessorToken, 'assessor', criterion, outcome);
      expect((await web.call(assessorToken, 'POST', `/api/v1/assessments/${id}/status`, { to: 'in-review', version: 2 })).status).to.equal(200);
      expect((await web.call(assessorToken, 'POST', `/api/v1/assessments/${id}/reveal`, { reason: 'No peer review was arranged for this system.' })).status).to.equal(200);
      for (const [criterion, outcome] of Object.entries(assessorScores)) {
        expect((await web.call(assessorToken, 'PUT', `/api/v1/assessments/${id}/criteria/${criterion}/moderation`, { basedOnVersion: 0, outcome: { score: outcome }, rationale: 'The panel agreed with the assessor.' })).status).to.equal(200);
      }
      return id;
    };
    weak = await assessment('QOX', { 'hosc-effectiveness': 4, 'learning-culture': 4, 'prevention-shift': 3 }, { 'hosc-effectiveness': 2, 'learning-culture': 3, 'prevention-shift': 3 }, 'Our scrutiny is improving.');
    strong = await assessment('QHG', { 'hosc-effectiveness': 4 }, { 'hosc-effectiveness': 4 }, 'A joint committee meets every quarter and publishes its action log.');
    assessor = new WebClient(web.url);
    await assessor.signIn(await web.account('assessor'));
    team = new WebClient(web.url);
    await team.signIn(await web.account('system-user', 'QOX'));
  });
  after(() => web?.stop());

  it('shows calibration within an assessment: agreement per pair, "too few to compute", and each divergence with what each side saw', async () => {
    const page = await team.get(`/assessments/${weak}/calibration`);
    expect(page.status).to.equal(200);
    expect(titleOf(page.html)).to.equal('Calibration – QOX 2025/26 – ICS maturity assessment');
    const text = textOf(page.html);
    expect(text).to.contain('Self-assessment and assessor 3 33% 67% Too few to compute (3 paired criteria; at least 5 needed)');
    expect(text).to.contain('Self-assessment 4 against assessor 2: a spread of 2 points.');
    expect(text).to.contain('What each side saw on Effectiveness of Health Overview and Scrutiny Committees at system level');
    expect(text).to.contain('Assessor: scored 2');
    expect(page.html).to.contain('<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="score-chart"');
  });

  it('shows calibration across systems with CSV downloads to assessors, and refuses it to a system’s own team', async () => {
    const page = await assessor.get('/calibration?period=2025%2F26');
    expect(titleOf(page.html)).to.equal('Calibration across systems, 2025/26 – ICS maturity assessment');
    const text = textOf(page.html);
    expect(text).to.contain('2 assessments in 2025/26.');
    expect(text).to.match(/Test assessor \d+ 0\.00 4 0 2 Level with the moderated scores/);
    expect(text).to.contain('QOX +1.00 3 0 Above the moderated scores');
    expect(text).to.contain('All systems 0 (0%) 1 (50%) 0 (0%) 1 (50%) 0 3.00');
    expect(page.html).to.contain('href="/calibration/assessors.csv?period&#x3D;2025%2F26"');
    const csv = await assessor.get('/calibration/self-assessment.csv?period=2025%2F26');
    expect(csv.status).to.equal(200);
    expect(csv.headers.get('content-type')).to.match(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).to.equal('attachment; filename="calibration-self-assessment-2025-26.csv"');
    expect(csv.html.split('\n')[0]).to.match(/^"period","system",/);
    expect((await team.get('/calibration?period=2025%2F26')).status).to.equal(403);
    expect((await team.get('/calibration/assessors.csv?period=2025%2F26')).status).to.equal(403);
  });

  it('says what is wrong with a period that is not a financial year', async () => {
    const page = await assessor.get('/calibration?period=2025%2F27');
    expect(page.status).to.equal(400);
    expect(titleOf(page.html)).to.equal('Error: Calibration across systems – ICS maturity assessment');
    expect(errorSummaryOf(page.html)).to.deep.equal([{ href: '#period', text: 'The two years of a period must follow each other, for example 2025/26' }]);
    expect(inputValueOf(page.html, 'period')).to.equal('2025/27');
  });

  it('shows the path to the next rating, good practice a consenting system scoring 4 shares, and the prevention trajectory', async () => {
    const page = await team.get(`/assessments/${weak}/improvement`);
    expect(titleOf(page.html)).to.equal('Improvement – QOX 2025/26 – ICS maturity assessment');
    const text = textOf(page.html);
    expect(text).to.contain('Path to the next rating');
    expect(text).to.contain('Effectiveness of Health Overview and Scrutiny Committees at system level: from 2 to 3');
    expect(text).to.contain('Effectiveness of Health Overview and Scrutiny Committees at system level: NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board (QHG) A joint committee meets every quarter and publishes its action log.');
    expect(page.html).to.contain('class="chart" id="prevention-chart"');
    const other = textOf((await assessor.get(`/assessments/${strong}/improvement`)).html);
    expect(other).to.contain('No other system that agreed to share scores 4');
  });

  it('records the system’s own ambitions from a generated form: errors on the right row and field, then progress against the line', async () => {
    await team.get(`/assessments/${weak}/ambitions`);
    const ambition = {
      basedOnVersion: '0',
      'ambitions[0][title]': 'Fewer falls',
      'ambitions[0][metric]': 'Emergency admissions after a fall per 100,000 aged 65+',
      'ambitions[0][baseline]': '2,210',
      'ambitions[0][baselineDate][day]': '1', 'ambitions[0][baselineDate][month]': '4', 'ambitions[0][baselineDate][year]': '2023',
      'ambitions[0][target]': '1900',
      'ambitions[0][targetDate][day]': '31', 'ambitions[0][targetDate][month]': '3', 'ambitions[0][targetDate][year]': '2027',
      'ambitions[0][latest]': '2000',
      'ambitions[0][direction]': 'lower-is-better',
    };
    const refused = await team.post(`/assessments/${weak}/ambitions`, ambition);
    expect(refused.status).to.equal(400);
    expect(errorSummaryOf(refused.html)).to.deep.equal([{ href: '#ambitions-0-latestDate-day', text: 'Priority 1, Date of the latest value: Give the latest value and its date together, or neither' }]);
    expect(inputValueOf(refused.html, 'ambitions-0-baseline')).to.equal('2,210');
    const saved = await team.post(`/assessments/${weak}/ambitions`, { ...ambition, 'ambitions[0][latestDate][day]': '31', 'ambitions[0][latestDate][month]': '3', 'ambitions[0][latestDate][year]': '2025' });
    expect(saved.status).to.equal(303);
    const improvement = await team.get(saved.location!);
    expect(flashOf(improvement.html)).to.equal('Ambitions saved (version 1).');
    expect(textOf(improvement.html)).to.match(/Fewer falls Emergency admissions after a fall per 100,000 aged 65\+ 2,?210 \(1 April 2023\) 1,?900 by 31 March 2027 2,?000 \(31 March 2025\)/);
    expect((await assessor.get(`/assessments/${weak}/ambitions`)).status).to.equal(403);
  });

  it('records the system’s consent to share its practice, asking for a choice first', async () => {
    await team.get(`/assessments/${weak}/sharing`);
    const refused = await team.post(`/assessments/${weak}/sharing`, { basedOnVersion: '1' });
    expect(refused.status).to.equal(400);
    expect(errorSummaryOf(refused.html)).to.deep.equal([{ href: '#shareGoodPractice', text: 'Choose yes or no' }]);
    const saved = await team.post(`/assessments/${weak}/sharing`, { basedOnVersion: '1', shareGoodPractice: 'no' });
    expect(saved.status).to.equal(303);
    const improvement = await team.get(saved.location!);
    expect(flashOf(improvement.html)).to.equal('This system no longer shares its good practice.');
    expect(textOf(improvement.html)).to.contain('No: this system’s practice is not shown to other systems.');
  });

  it('previews the report’s executive summary in the page, shows the whole report as a web page, and downloads it as a PDF', async () => {
    const preview = await team.get(`/assessments/${weak}/report`);
    expect(titleOf(preview.html)).to.equal('Report preview – QOX 2025/26 – ICS maturity assessment');
    const text = textOf(preview.html);
    expect(text).to.contain('Indicative rating The rating rests on each criterion\'s final score: the panel\'s moderated score where it agreed one');
    expect(text).to.contain('Areas for improvement Effectiveness of Health Overview and Scrutiny Committees at system level 2 — Some shortfalls');
    const html = await team.get(`/assessments/${weak}/report.html`);
    expect(html.status).to.equal(200);
    expect(html.headers.get('content-disposition')).to.equal(null);
    expect(html.headers.get('content-security-policy')).to.equal(reportPreviewPolicy);
    expect(html.html).to.match(/^<!DOCTYPE html>/);
    expect(textOf(html.html)).to.contain('Scores by perspective');
    const pdf = await fetch(new URL(`/assessments/${weak}/report.pdf`, web.url), { headers: { cookie: [...team.cookies].map(([name, value]) => `${name}=${value}`).join('; ') } });
    expect(pdf.status).to.equal(200);
    expect(pdf.headers.get('content-type')).to.equal('application/pdf');
    expect(pdf.headers.get('content-disposition')).to.equal('attachment; filename="ics-calibration-report-QOX-2025-26.pdf"');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).to.equal('%PDF-');
  });
});
