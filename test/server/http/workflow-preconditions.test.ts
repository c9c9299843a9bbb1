import { expect } from 'chai';
import { hoscEvidenceScoring4 } from '../../support/evidence.ts';
import { errorSummaryOf, fieldErrorOf, textOf } from '../../support/page-html.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { WebClient } from '../../support/web-client.ts';

const rationale = 'The panel agreed the assessor view after reading the minutes.';

describe('Workflow: each step states what must be true first, and publication freezes the assessment', function () {
  this.timeout(120_000);
  let api: TestServer;
  let team: string;
  let assessor: string;
  let id: string;
  let criteria: string[];
  const status = (body: object) => api.call(assessor, 'POST', `/api/v1/assessments/${id}/status`, body);
  const exported = async () => (await api.call(api.adminToken, 'GET', `/api/v1/assessments/${id}/export`)).body;
  const evidencePath = (perspective: string, criterion = 'hosc-effectiveness') => `/api/v1/assessments/${id}/perspectives/${perspective}/criteria/${criterion}/evidence`;

  before(async () => {
    api = await startTestServer();
    team = await api.tokenFor('system-user', 'QOX');
    assessor = await api.tokenFor('assessor');
    id = (await api.call(team, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' })).body.id;
    criteria = (await api.call(team, 'GET', `/api/v1/assessments/${id}/perspectives/self/score`)).body.criteria.map((criterion: { criterion: string }) => criterion.criterion);
  });
  after(() => api?.stop());

  it('refuses to submit a self-assessment without evidence, naming what is missing; the assessment stays a draft', async () => {
    const refused = await api.call(team, 'POST', `/api/v1/assessments/${id}/status`, { to: 'submitted', version: 1, acknowledgeEmptyCriteria: true });
    expect(refused.status).to.equal(400);
    expect(refused.body.errors).to.deep.equal([{ path: 'to', message: 'The self-assessment has no evidence: add evidence for at least one criterion before submitting' }]);
    expect((await api.call(team, 'GET', `/api/v1/assessments/${id}`)).body).to.include({ status: 'draft', version: 1 });
  });

  it('shows the team on the check page which criteria are empty, and refuses an incomplete submission without the acknowledgement (page and API)', async () => {
    expect((await api.call(team, 'PUT', evidencePath('self'), { basedOnVersion: 0, evidence: hoscEvidenceScoring4() })).status).to.equal(200);
    const web = new WebClient(api.url);
    await web.signIn(await api.account('system-user', 'QOX'));
    const check = textOf((await web.get(`/assessments/${id}/self/check`)).html);
    expect(check).to.contain('9 of 10 criteria have no evidence at all');
    expect(check).to.contain('I am submitting without evidence for the 9 criteria listed above');
    const refusedPage = await web.post(`/assessments/${id}/status`, { to: 'submitted', version: '1' });
    expect(refusedPage.status).to.equal(400);
    expect(errorSummaryOf(refusedPage.html)).to.deep.equal([{ href: '#acknowledgeEmptyCriteria', text: `9 of 10 criteria have no evidence in the self-assessment: ${criteria.filter((criterion) => criterion !== 'hosc-effectiveness').join(', ')}. Add it, or confirm that you submit without it` }]);
    expect(fieldErrorOf(refusedPage.html, 'acknowledgeEmptyCriteria')).to.match(/9 of 10 criteria have no evidence/);

    const refused = await api.call(team, 'POST', `/api/v1/assessments/${id}/status`, { to: 'submitted', version: 1 });
    expect(refused.status).to.equal(400);
    expect(refused.body.errors.map((error: { path: string }) => error.path)).to.deep.equal(['acknowledgeEmptyCriteria']);
    const submitted = await api.call(team, 'POST', `/api/v1/assessments/${id}/status`, { to: 'submitted', version: 1, acknowledgeEmptyCriteria: true });
    expect(submitted.status).to.equal(200);
    const record = (await exported()).records.find((entry: { kind: string; version: number }) => entry.kind === 'status' && entry.version === 2);
    expect(record.content).to.deep.equal({ status: 'submitted', emptyCriteria: criteria.filter((criterion) => criterion !== 'hosc-effectiveness') });
  });

  it('refuses to mark it moderated without the assessor’s evidence, or with criteria neither moderated nor left with a reason', async () => {
    expect((await status({ to: 'in-review', version: 2 })).status).to.equal(200);
    const noEvidence = await status({ to: 'moderated', version: 3 });
    expect(noEvidence.status).to.equal(400);
    expect(noEvidence.body.errors[0]).to.deep.equal({ path: 'to', message: 'The assessor perspective has no evidence: the assessors record theirs before the panel moderates' });

    // The assessor records evidence while the review is blind (a reveal closes it), then reveals the scores so the panel may moderate.
    expect((await api.call(assessor, 'PUT', evidencePath('assessor'), { basedOnVersion: 0, evidence: hoscEvidenceScoring4() })).status).to.equal(200);
    const revealed = await api.call(assessor, 'POST', `/api/v1/assessments/${id}/reveal`, { reason: 'Revealed early: the peer review team withdrew.' });
    expect(revealed.status, JSON.stringify(revealed.body)).to.equal(200);
    expect((await api.call(assessor, 'PUT', `/api/v1/assessments/${id}/criteria/hosc-effectiveness/moderation`, { basedOnVersion: 0, outcome: { score: 3 }, rationale })).status).to.equal(200);
    const unmoderated = criteria.filter((criterion) => criterion !== 'hosc-effectiveness');
    const web = new WebClient(api.url);
    await web.signIn(await api.account('assessor'));
    const overview = await web.get(`/assessments/${id}`);
    expect(textOf(overview.html)).to.contain('9 of 10 criteria are not moderated');
    for (const criterion of unmoderated) expect(overview.html).to.contain(`name="leftUnmoderated[${criterion}]"`);

    const refused = await status({ to: 'moderated', version: 3 });
    expect(refused.status).to.equal(400);
    expect(refused.body.errors).to.deep.equal([{ path: 'leftUnmoderated', message: `9 of 10 criteria are not moderated: ${unmoderated.join(', ')}. Moderate them, or leave each with a reason` }]);
    const wrongOne = await status({ to: 'moderated', version: 3, leftUnmoderated: [{ criterion: 'hosc-effectiveness', reason: 'It was moderated, but listed here anyway.' }] });
    expect(wrongOne.body.errors.map((error: { path: string }) => error.path)).to.deep.equal(['leftUnmoderated[0].criterion', 'leftUnmoderated']);
    const tooShort = await status({ to: 'moderated', version: 3, leftUnmoderated: unmoderated.map((criterion) => ({ criterion, reason: 'no' })) });
    expect(tooShort.status).to.equal(400);
    expect((await api.call(assessor, 'GET', `/api/v1/assessments/${id}`)).body).to.include({ status: 'in-review', version: 3 });

    // On the page: each error links to its criterion's reason, and what was typed stays.
    const [first, second] = unmoderated as [string, string];
    const typed = await web.post(`/assessments/${id}/status`, { to: 'moderated', version: '3', [`leftUnmoderated[${first}]`]: 'Too short' });
    expect(typed.status).to.equal(400);
    expect(errorSummaryOf(typed.html)).to.deep.equal([{ href: `#leftUnmoderated-${first}`, text: 'Give the reason in at least 20 characters' }]);
    expect(typed.html).to.match(new RegExp(`id="leftUnmoderated-${first}"[^>]*>Too short</textarea>`));
    const oneGiven = await web.post(`/assessments/${id}/status`, { to: 'moderated', version: '3', [`leftUnmoderated[${first}]`]: 'The panel ran out of time for this one.' });
    expect(errorSummaryOf(oneGiven.html)).to.deep.equal([{ href: `#leftUnmoderated-${second}`, text: `8 of 10 criteria are not moderated: ${unmoderated.slice(1).join(', ')}. Moderate them, or leave each with a reason` }]);
    expect(oneGiven.html).to.contain('>The panel ran out of time for this one.</textarea>');

    const leftUnmoderated = unmoderated.map((criterion) => ({ criterion, reason: 'The panel ran out of time; next year it moderates this first.' }));
    const moved = await web.post(`/assessments/${id}/status`, { to: 'moderated', version: '3', ...Object.fromEntries(leftUnmoderated.map((entry) => [`leftUnmoderated[${entry.criterion}]`, entry.reason])) });
    expect(moved.status).to.equal(303);
    const record = (await exported()).records.find((entry: { kind: string; version: number }) => entry.kind === 'status' && entry.version === 4);
    expect(record.content).to.deep.equal({ status: 'moderated', leftUnmoderated });
    expect((await status({ to: 'published', version: 4 })).status).to.equal(200);
  });

  it('freezes everything the published report shows: ambitions, consent to share, evidence, judgements and moderation are refused with 409', async () => {
    const before = await exported();
    const ambition = { title: 'Fewer falls admissions', metric: 'Emergency admissions for falls per 100,000 aged 65+', baseline: 2200, baselineDate: '2023-04-01', target: 1800, targetDate: '2027-03-31', latest: 1950, latestDate: '2025-03-31', direction: 'lower-is-better' };
    const writes: Array<[string, string, string, object]> = [
      ['ambitions', team, `/api/v1/assessments/${id}/ambitions`, { basedOnVersion: 0, ambitions: [ambition] }],
      ['sharing', team, `/api/v1/assessments/${id}/sharing`, { basedOnVersion: 0, shareGoodPractice: true }],
      ['self evidence', team, evidencePath('self'), { basedOnVersion: 1, evidence: hoscEvidenceScoring4() }],
      ['assessor evidence', assessor, evidencePath('assessor'), { basedOnVersion: 1, evidence: hoscEvidenceScoring4() }],
      ['judgement', assessor, `/api/v1/assessments/${id}/perspectives/assessor/criteria/hosc-effectiveness/judgement`, { basedOnVersion: 0, judgement: { decision: 'accept' } }],
      ['moderation', assessor, `/api/v1/assessments/${id}/criteria/hosc-effectiveness/moderation`, { basedOnVersion: 1, outcome: { score: 4 }, rationale }],
    ];
    for (const [what, token, path, body] of writes) {
      const refused = await api.call(token, 'PUT', path, body);
      expect(refused.status, what).to.equal(409);
      expect(refused.body.detail, what).to.match(/published/);
    }
    expect(await exported()).to.deep.equal(before);
    // The team's improvement page no longer offers to change them.
    const web = new WebClient(api.url);
    await web.signIn(await api.account('system-user', 'QOX'));
    const improvement = await web.get(`/assessments/${id}/improvement`);
    expect(improvement.status).to.equal(200);
    expect(improvement.html).to.not.contain(`href="/assessments/${id}/ambitions"`);
    expect(improvement.html).to.not.contain(`href="/assessments/${id}/sharing"`);
  });
});
