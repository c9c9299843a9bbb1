import { expect } from 'chai';
import { criterionEvidence } from '../../../assessments/evidence/registry.ts';
import { evidenceForm } from '../../../assessments/forms/evidence-form.ts';
import { formValuesOf } from '../../../assessments/forms/form-values.ts';
import { evidenceByOutcome } from '../../support/evidence-from-cases.ts';
import { formFields } from '../../support/form-fields.ts';
import { errorSummaryOf, fieldErrorOf, flashOf, inputValueOf, textOf, titleOf } from '../../support/page-html.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { WebClient } from '../../support/web-client.ts';

/** The form fields a browser would send for a criterion's evidence, with one answer changed if asked. */
function evidenceFields(criterion: string, evidence: object, change: Record<string, string> = {}): Record<string, string> {
  const form = evidenceForm(criterionEvidence[criterion]!);
  return { ...formFields(formValuesOf(form, evidence)), ...change };
}

describe('Web pages: a system user completes a self-assessment', function () {
  this.timeout(120_000);
  let web: TestServer;
  let team: WebClient;
  let id: string;
  let otherId: string;
  let library: Awaited<ReturnType<typeof evidenceByOutcome>>;
  const page = (path = '') => `/assessments/${id}${path}`;

  before(async () => {
    library = await evidenceByOutcome();
    web = await startTestServer();
    id = (await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' })).body.id;
    otherId = (await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system: 'QHG', period: '2025/26' })).body.id;
    team = new WebClient(web.url);
    await team.signIn(await web.account('system-user', 'QOX'));
  });
  after(() => web?.stop());

  it('shows the task list of the perspective with each criterion not started', async () => {
    const list = await team.get(page('/self'));
    expect(list.status).to.equal(200);
    expect(titleOf(list.html)).to.equal('Self-assessment – QOX 2025/26 – ICS maturity assessment');
    const text = textOf(list.html);
    expect(text).to.contain('0 of 10 criteria completed');
    expect(list.html.match(/nhsuk-tag--grey">Not started</g)).to.have.length(10);
    expect(list.html).to.contain(`href="/assessments/${id}/self/hosc-effectiveness"`);
  });

  it('refuses "4x" sessions with an error summary linking to the field, keeping every answer as typed; the correction saves and shows the proposed score with its findings', async () => {
    await team.get(page('/self/hosc-effectiveness'));
    const fields: Record<string, string> = { ...evidenceFields('hosc-effectiveness', library.get('hosc-effectiveness')!.get(4)!), 'narrative[value]': 'The joint committee meets quarterly.', 'narrative[source]': 'Self-assessment', 'narrative[asAt][day]': '31', 'narrative[asAt][month]': '3', 'narrative[asAt][year]': '2025' };
    const refused = await team.post(page('/self/hosc-effectiveness'), { ...fields, basedOnVersion: '0', 'indicators[systemSessions][value]': '4x' });
    expect(refused.status).to.equal(400);
    expect(titleOf(refused.html)).to.match(/^Error: Effectiveness of Health Overview and Scrutiny Committees at system level – Self-assessment – QOX 2025\/26/);
    expect(errorSummaryOf(refused.html)).to.deep.equal([{ href: '#indicators-systemSessions-value', text: 'Scrutiny sessions on system-level items in the last 12 months: Enter a whole number, for example 12' }]);
    expect(fieldErrorOf(refused.html, 'indicators-systemSessions-value')).to.equal('Scrutiny sessions on system-level items in the last 12 months: Enter a whole number, for example 12');
    expect(inputValueOf(refused.html, 'indicators-systemSessions-value')).to.equal('4x');
    expect(inputValueOf(refused.html, 'indicators-upperTierCouncils-value')).to.equal(fields['indicators[upperTierCouncils][value]']);
    expect(inputValueOf(refused.html, 'indicators-upperTierCouncils-source')).to.equal(fields['indicators[upperTierCouncils][source]']);
    expect(textOf(refused.html)).to.contain('The joint committee meets quarterly.');

    const saved = await team.post(page('/self/hosc-effectiveness'), { ...fields, basedOnVersion: '0' });
    expect(saved.status).to.equal(303);
    expect(saved.location).to.equal(page('/self/hosc-effectiveness'));
    const shown = await team.get(page('/self/hosc-effectiveness'));
    expect(flashOf(shown.html)).to.equal('Evidence saved (version 1). The rules propose: 4 — Exceptional.');
    const text = textOf(shown.html);
    expect(text).to.contain('What the rules propose 4 — Exceptional');
    expect(text).to.contain('Every upper-tier council in the footprint takes part in system-level scrutiny. (¶3.29)');
    expect(inputValueOf(shown.html, 'indicators-systemSessions-value')).to.equal(fields['indicators[systemSessions][value]']);
    expect(shown.html).to.contain('name="basedOnVersion" value="1"');
  });

  it('refuses a save based on an old version with a clear conflict, losing nothing typed', async () => {
    // A colleague in the same team, whose form was opened before the first save.
    const colleague = new WebClient(web.url);
    await colleague.signIn(await web.account('system-user', 'QOX'));
    await colleague.get(page('/self/hosc-effectiveness'));
    const fields = evidenceFields('hosc-effectiveness', library.get('hosc-effectiveness')!.get(2)!);
    const stale = await colleague.post(page('/self/hosc-effectiveness'), { ...fields, basedOnVersion: '0', 'indicators[systemSessions][source]': 'Typed after someone else saved' });
    expect(stale.status).to.equal(409);
    const [conflict] = errorSummaryOf(stale.html);
    expect(conflict?.href).to.equal('#evidence-history');
    expect(conflict?.text).to.match(/^Someone else saved this evidence since you opened it \(it is now version 1\)\. Nothing you typed was saved/);
    expect(inputValueOf(stale.html, 'indicators-systemSessions-source')).to.equal('Typed after someone else saved');
    expect(stale.html).to.contain('name="basedOnVersion" value="1"');
    const versions = await web.call(web.adminToken, 'GET', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness/evidence/versions`);
    expect(versions.body).to.have.length(1);
  });

  it('adds a row to a list without JavaScript, keeping what was typed, and saves nothing until asked', async () => {
    await team.get(page('/self/partner-engagement'));
    const typed = { basedOnVersion: '0', 'indicators[partnerSurvey][value][0][sector]': 'icb', 'indicators[partnerSurvey][value][0][respondents]': '12', 'indicators[partnerSurvey][source]': 'Partner survey 2025' };
    const added = await team.post(page('/self/partner-engagement'), { ...typed, rowAction: 'add:indicators.partnerSurvey.value' });
    expect(added.status).to.equal(200);
    expect(errorSummaryOf(added.html)).to.deep.equal([]);
    expect(inputValueOf(added.html, 'indicators-partnerSurvey-value-0-respondents')).to.equal('12');
    expect(added.html).to.match(/<option value="icb" selected>/);
    expect(inputValueOf(added.html, 'indicators-partnerSurvey-value-1-respondents')).to.equal('');
    expect(inputValueOf(added.html, 'indicators-partnerSurvey-source')).to.equal('Partner survey 2025');
    expect(textOf(added.html)).to.contain('Sector 2');
    const state = await web.call(web.adminToken, 'GET', `/api/v1/assessments/${id}/perspectives/self/criteria/partner-engagement`);
    expect(state.body.evidence).to.equal(null);
  });

  it('refuses an override without a rationale, keeping the choice made; then records an acceptance', async () => {
    await team.get(page('/self/hosc-effectiveness/judgement'));
    const refused = await team.post(page('/self/hosc-effectiveness/judgement'), { basedOnVersion: '0', 'judgement[decision]': 'override', 'judgement[score]': '3', 'judgement[rationale]': '' });
    expect(refused.status).to.equal(400);
    expect(titleOf(refused.html)).to.match(/^Error: Judge Effectiveness of Health Overview/);
    expect(errorSummaryOf(refused.html)).to.deep.equal([{ href: '#judgement-rationale', text: 'Give the reason for your judgement' }]);
    expect(refused.html).to.match(/id="judgement-score-2" name="judgement\[score\]" type="radio" value="3"[^>]* checked/);
    const accepted = await team.post(page('/self/hosc-effectiveness/judgement'), { basedOnVersion: '0', 'judgement[decision]': 'accept', 'judgement[rationale]': '' });
    expect(accepted.status).to.equal(303);
    expect(flashOf((await team.get(accepted.location!)).html)).to.equal('Judgement recorded: 4 — Exceptional.');
    const list = await team.get(page('/self'));
    expect(textOf(list.html)).to.contain('1 of 10 criteria completed');
    expect(list.html).to.contain('nhsuk-tag--green">Completed<');
  });

  it('offers no acceptance where the rules propose nothing, and refuses one sent anyway', async () => {
    const form = await team.get(page('/self/regional-support/judgement'));
    expect(form.html).to.not.contain('value="accept"');
    expect(form.html).to.contain('<input type="hidden" name="judgement[decision]" value="override">');
    const refused = await team.post(page('/self/regional-support/judgement'), { basedOnVersion: '0', 'judgement[decision]': 'accept' });
    expect(refused.status).to.equal(400);
    expect(errorSummaryOf(refused.html)).to.deep.equal([{ href: '#judgement-decision', text: 'The criterion is not assessed yet: add the missing evidence, or override with a score and a rationale' }]);
  });

  it('checks the answers, then submits the self-assessment: the status change is kept with who and when', async () => {
    const check = await team.get(page('/self/check'));
    expect(titleOf(check.html)).to.equal('Check the self-assessment – QOX 2025/26 – ICS maturity assessment');
    expect(textOf(check.html)).to.contain('9 of 10 criteria are not completed');
    const submitted = await team.post(page('/status'), { to: 'submitted', version: '1', acknowledgeEmptyCriteria: 'yes' });
    expect(submitted.status).to.equal(303);
    const overview = await team.get(submitted.location!);
    expect(flashOf(overview.html)).to.equal('The assessment is now submitted.');
    const history = textOf(/<h2 class="nhsuk-heading-m">Status history<\/h2>([\s\S]*?)<\/table>/.exec(overview.html)?.[1] ?? '');
    expect(history).to.match(/Submitted Test system-user \d+ \d{1,2} \w+ \d{4} at \d{2}:\d{2}/);
    const closed = await team.get(page('/self/hosc-effectiveness'));
    expect(closed.html).to.not.contain('Save evidence');
    expect(textOf(closed.html)).to.contain('The self-assessment can only change while the assessment is a draft; it is submitted.');
  });

  it('does not show another system’s assessment, or any page of it, to a system user: 404', async () => {
    for (const path of ['', '/self', '/self/hosc-effectiveness', '/self/hosc-effectiveness/history', '/history', '/calibration', '/improvement', '/report']) {
      const answer = await team.get(`/assessments/${otherId}${path}`);
      expect(answer.status, path).to.equal(404);
      expect(titleOf(answer.html), path).to.equal('Error: Page not found – ICS maturity assessment');
    }
    await team.get(page('/self'));
    const post = await team.post(`/assessments/${otherId}/self/hosc-effectiveness`, { ...evidenceFields('hosc-effectiveness', library.get('hosc-effectiveness')!.get(4)!), basedOnVersion: '0' });
    expect(post.status).to.equal(404);
    const state = await web.call(web.adminToken, 'GET', `/api/v1/assessments/${otherId}/perspectives/self/criteria/hosc-effectiveness`);
    expect(state.body.evidence).to.equal(null);
  });

  it('refuses an evidence form posted without its CSRF token (403), saving nothing', async () => {
    const draft = (await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2024/25' })).body.id;
    await team.get(`/assessments/${draft}/self/learning-culture`);
    const fields = { ...evidenceFields('learning-culture', library.get('learning-culture')!.get(3)!), basedOnVersion: '0' };
    const refused = await team.post(`/assessments/${draft}/self/learning-culture`, fields, { csrf: null });
    expect(refused.status).to.equal(403);
    expect(titleOf(refused.html)).to.equal('Error: The form has expired – ICS maturity assessment');
    const state = await web.call(web.adminToken, 'GET', `/api/v1/assessments/${draft}/perspectives/self/criteria/learning-culture`);
    expect(state.body.evidence).to.equal(null);
    expect((await team.post(`/assessments/${draft}/self/learning-culture`, fields)).status).to.equal(303);
  });

  it('lets nobody but the ICS team write the self-assessment: a peer reviewer is refused (403)', async () => {
    const draft = (await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2023/24' })).body.id;
    const peer = new WebClient(web.url);
    await peer.signIn(await web.account('peer-reviewer'));
    const form = await peer.get(`/assessments/${draft}/self/learning-culture`);
    expect(form.status).to.equal(200);
    expect(form.html).to.not.contain('Save evidence');
    const refused = await peer.post(`/assessments/${draft}/self/learning-culture`, { ...evidenceFields('learning-culture', library.get('learning-culture')!.get(3)!), basedOnVersion: '0' });
    expect(refused.status).to.equal(403);
  });
});
