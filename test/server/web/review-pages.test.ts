import { expect } from 'chai';
import { evidenceByOutcome } from '../../support/evidence-from-cases.ts';
import { errorSummaryOf, flashOf, textOf, titleOf } from '../../support/page-html.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { WebClient } from '../../support/web-client.ts';

describe('Web pages: an assessor judges and the panel moderates', function () {
  this.timeout(120_000);
  let web: TestServer;
  let assessor: WebClient;
  let id: string;
  const page = (path = '') => `/assessments/${id}${path}`;

  before(async () => {
    const library = await evidenceByOutcome();
    web = await startTestServer();
    const teamToken = await web.tokenFor('system-user', 'QOX');
    const assessorToken = await web.tokenFor('assessor');
    id = (await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' })).body.id;
    const save = async (token: string, perspective: string, criterion: string, outcome: number) => {
      const saved = await web.call(token, 'PUT', `/api/v1/assessments/${id}/perspectives/${perspective}/criteria/${criterion}/evidence`, { basedOnVersion: 0, evidence: library.get(criterion)!.get(outcome) });
      expect(saved.status, `${perspective} ${criterion}`).to.equal(200);
    };
    await save(teamToken, 'self', 'hosc-effectiveness', 4);
    await save(teamToken, 'self', 'learning-culture', 3);
    expect((await web.call(teamToken, 'POST', `/api/v1/assessments/${id}/status`, { to: 'submitted', version: 1, acknowledgeEmptyCriteria: true })).status).to.equal(200);
    await save(assessorToken, 'assessor', 'hosc-effectiveness', 3);
    await save(assessorToken, 'assessor', 'learning-culture', 3);
    assessor = new WebClient(web.url);
    await assessor.signIn(await web.account('assessor'));
  });
  after(() => web?.stop());

  it('refuses an override without a rationale, or with too short a one, then records it with the rationale', async () => {
    await assessor.get(page('/assessor/hosc-effectiveness/judgement'));
    const override = { basedOnVersion: '0', 'judgement[decision]': 'override', 'judgement[score]': '2' };
    const none = await assessor.post(page('/assessor/hosc-effectiveness/judgement'), override);
    expect(none.status).to.equal(400);
    expect(errorSummaryOf(none.html)).to.deep.equal([{ href: '#judgement-rationale', text: 'Give the reason for your judgement' }]);
    const short = await assessor.post(page('/assessor/hosc-effectiveness/judgement'), { ...override, 'judgement[rationale]': 'Too few.' });
    expect(errorSummaryOf(short.html)).to.deep.equal([{ href: '#judgement-rationale', text: 'Explain the judgement in at least 20 characters: what in the evidence supports a different score (¶3.121)' }]);
    expect(short.html).to.contain('>Too few.</textarea>');
    const noScore = await assessor.post(page('/assessor/hosc-effectiveness/judgement'), { basedOnVersion: '0', 'judgement[decision]': 'override', 'judgement[rationale]': 'Two of the four sessions were inquorate.' });
    expect(errorSummaryOf(noScore.html)).to.deep.equal([{ href: '#judgement-score', text: 'Choose a score from 1 to 4' }]);

    const recorded = await assessor.post(page('/assessor/hosc-effectiveness/judgement'), { ...override, 'judgement[rationale]': 'Two of the four sessions were inquorate, so the panel counts two.' });
    expect(recorded.status).to.equal(303);
    const criterion = await assessor.get(recorded.location!);
    expect(flashOf(criterion.html)).to.equal('Judgement recorded: 2 — Some shortfalls.');
    expect(textOf(criterion.html)).to.contain('Recorded a different score: 2 — Some shortfalls Rationale Two of the four sessions were inquorate, so the panel counts two.');
  });

  it('judges the finance gate by status, not score', async () => {
    const form = await assessor.get(page('/assessor/financial-management/judgement'));
    expect(textOf(form.html)).to.contain('You can record a status with your rationale.');
    expect(textOf(form.html)).to.contain('The status you judge the finances to be Well managed Not well managed Severe');
    const refused = await assessor.post(page('/assessor/financial-management/judgement'), { basedOnVersion: '0', 'judgement[decision]': 'override-gate', 'judgement[rationale]': 'The recovery plan relies on non-recurrent support.' });
    expect(errorSummaryOf(refused.html)).to.deep.equal([{ href: '#judgement-status', text: 'Choose the status of the finances' }]);
    const recorded = await assessor.post(page('/assessor/financial-management/judgement'), { basedOnVersion: '0', 'judgement[decision]': 'override-gate', 'judgement[status]': 'not-well-managed', 'judgement[rationale]': 'The recovery plan relies on non-recurrent support.' });
    expect(recorded.status).to.equal(303);
    expect(flashOf((await assessor.get(recorded.location!)).html)).to.equal('Judgement recorded: Not well managed.');
  });

  it('moves the assessment into review, then shows the perspectives side by side with the divergence of 2 points marked', async () => {
    const overview = await assessor.get(page());
    expect(textOf(overview.html)).to.contain('Start the review');
    const moved = await assessor.post(page('/status'), { to: 'in-review', version: '2' });
    expect(moved.status).to.equal(303);
    // The assessor submits their review from its check page; with no peer review the scores stay blind.
    expect(textOf((await assessor.get(page('/assessor/check'))).html)).to.contain('Submit your review');
    const submitted = await assessor.post(page('/assessor/submission'), {});
    expect(submitted.status).to.equal(303);
    const check = await assessor.get(submitted.location!);
    expect(flashOf(check.html)).to.equal('Your review is submitted. The scores are revealed when the other review is submitted.');
    expect(textOf(check.html)).to.not.contain('Submit your review');
    const blind = await assessor.get(page('/moderation'));
    expect(textOf(blind.html)).to.match(/The reviews are blind: .* So far the assessor’s review was submitted by Test assessor \d+ on /);
    expect(blind.html).to.not.contain('>Moderate<');
    // Closing the blind phase early needs a reason, kept as typed when refused.
    const short = await assessor.post(page('/reveal'), { reason: 'Late.' });
    expect(short.status).to.equal(400);
    expect(errorSummaryOf(short.html)).to.deep.equal([{ href: '#reason', text: 'Explain in at least 20 characters why the scores are revealed before both reviews are submitted' }]);
    expect(short.html).to.contain('>Late.</textarea>');
    const revealed = await assessor.post(page('/reveal'), { reason: 'No peer review was arranged this year.' });
    expect(revealed.status).to.equal(303);
    const moderation = await assessor.get(page('/moderation'));
    expect(flashOf(moderation.html)).to.equal('The scores are revealed: moderation is open.');
    expect(textOf(moderation.html)).to.match(/Test assessor \d+ revealed the scores on .* before both reviews were submitted, because: No peer review was arranged this year\./);
    expect(titleOf(moderation.html)).to.equal('Moderation – QOX 2025/26 – ICS maturity assessment');
    const hosc = /<tr class="nhsuk-table__row">\s*<th class="nhsuk-table__header" scope="row">Effectiveness of Health Overview[\s\S]*?<\/tr>/.exec(moderation.html)?.[0] ?? '';
    expect(textOf(hosc)).to.equal('Effectiveness of Health Overview and Scrutiny Committees at system level Differ by 2 or more 4 (divergent) 2 (divergent) – Moderate Effectiveness of Health Overview and Scrutiny Committees at system level');
    const learning = /<tr class="nhsuk-table__row">\s*<th class="nhsuk-table__header" scope="row">Learning[\s\S]*?<\/tr>/.exec(moderation.html)?.[0] ?? '';
    expect(learning).to.not.contain('Differ by');
  });

  it('records a moderated score only with its outcome and a rationale', async () => {
    const form = await assessor.get(page('/moderation/hosc-effectiveness'));
    expect(textOf(form.html)).to.contain('The perspectives diverge');
    expect(textOf(form.html)).to.contain('Self-assessment: scored 4');
    const noScore = await assessor.post(page('/moderation/hosc-effectiveness'), { basedOnVersion: '0', rationale: 'The panel agreed after hearing both sides.' });
    expect(noScore.status).to.equal(400);
    expect(errorSummaryOf(noScore.html)).to.deep.equal([{ href: '#outcome', text: 'Choose the moderated score' }]);
    const short = await assessor.post(page('/moderation/hosc-effectiveness'), { basedOnVersion: '0', outcome: '3', rationale: 'Agreed.' });
    expect(errorSummaryOf(short.html)).to.deep.equal([{ href: '#rationale', text: 'Explain the moderated score in at least 20 characters' }]);
    const saved = await assessor.post(page('/moderation/hosc-effectiveness'), { basedOnVersion: '0', outcome: '3', rationale: 'Sessions were regular; one recommendation was late.' });
    expect(saved.status).to.equal(303);
    const moderation = await assessor.get(saved.location!);
    expect(flashOf(moderation.html)).to.equal('Moderated Effectiveness of Health Overview and Scrutiny Committees at system level: 3 — Good.');
    const hosc = /<th class="nhsuk-table__header" scope="row">Effectiveness of Health Overview[\s\S]*?<\/tr>/.exec(moderation.html)?.[0] ?? '';
    expect(textOf(hosc)).to.contain('4 (divergent) 2 (divergent) 3');
    // A panel member who disagrees records why, beside the score; too short a reason is refused and kept as typed.
    const form2 = await assessor.get(page('/moderation/hosc-effectiveness'));
    expect(textOf(form2.html)).to.contain('Disagree with the moderated score');
    const tooShort = await assessor.post(page('/moderation/hosc-effectiveness/dissent'), { dissent: 'Too high.' });
    expect(tooShort.status).to.equal(400);
    expect(errorSummaryOf(tooShort.html)).to.deep.equal([{ href: '#dissent', text: 'Explain why you disagree in at least 20 characters' }]);
    expect(tooShort.html).to.contain('>Too high.</textarea>');
    const dissented = await assessor.post(page('/moderation/hosc-effectiveness/dissent'), { dissent: 'Two sessions were inquorate, so 2 fits the minutes.' });
    expect(dissented.status).to.equal(303);
    const withDissent = await assessor.get(dissented.location!);
    expect(flashOf(withDissent.html)).to.equal('Your disagreement is recorded with the moderated score.');
    expect(textOf(withDissent.html)).to.match(/Recorded disagreement Test assessor \d+, .*: Two sessions were inquorate, so 2 fits the minutes\./);
    const stale = await assessor.post(page('/moderation/hosc-effectiveness'), { basedOnVersion: '0', outcome: '2', rationale: 'A second view, from an old page.' });
    expect(stale.status).to.equal(409);
    expect(errorSummaryOf(stale.html)[0]?.text).to.match(/^Someone else recorded a moderated score since you opened this page \(it is now version 1\)/);
  });

  it('keeps moderation for assessors: the system’s own team is refused (403)', async () => {
    const team = new WebClient(web.url);
    await team.signIn(await web.account('system-user', 'QOX'));
    expect((await team.get(page('/moderation'))).status).to.equal(403);
    expect((await team.get(page('/moderation/hosc-effectiveness'))).status).to.equal(403);
    expect(textOf((await team.get(page())).html)).to.not.contain('Moderation: agree one score');
  });

  it('shows the history of a criterion and the audit trail with who and when', async () => {
    const history = await assessor.get(page('/assessor/hosc-effectiveness/history'));
    expect(textOf(history.html)).to.match(/Version 1: saved by Test assessor \d+, /);
    expect(textOf(history.html)).to.contain('Recorded a different score: 2 — Some shortfalls . Rationale: Two of the four sessions were inquorate');
    const trail = textOf((await assessor.get(page('/history'))).html);
    expect(trail).to.match(/moderation saved hosc-effectiveness \(moderation\) 1/);
    expect(trail).to.match(/status changed to in-review assessment of QOX for 2025\/26 3/);
  });
});
