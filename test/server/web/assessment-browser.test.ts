import { expect } from 'chai';
import type { Page } from 'puppeteer-core';
import { evidenceByOutcome } from '../../support/evidence-from-cases.ts';
import { errorSummary, expectAccessible, fillForm, problemsOf, signIn, startTestBrowser, submitForm, type TestBrowser } from '../../support/browser.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/** A sourced item's answer, source and as-at date as form fields, by the item's key. */
function item(key: string, answer: string | true, source = 'ICB board papers, March 2025'): Record<string, string | true> {
  const answerField = answer === true ? `#indicators-${key}-value` : answer === 'no' ? `#indicators-${key}-value-1` : `#indicators-${key}-value`;
  return { [answerField]: answer === 'no' ? true : answer, [`#indicators-${key}-source`]: source, [`#indicators-${key}-asAt-day`]: '31', [`#indicators-${key}-asAt-month`]: '3', [`#indicators-${key}-asAt-year`]: '2025' };
}

/** Clicks a form's main button (the last one in it: "Add another" and "Remove" come before it) and waits for the next page. */
async function save(page: Page, form = 'main form[method="post"]'): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(`${form} > button.nhsuk-button:last-of-type`)]);
}

/** Presses Tab until the focused element matches the selector (a keyboard user moving through the page). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 400; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector} on ${page.url()}`);
}

/** Moves to a field with the keyboard and types into it. */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

/** Presses a key that leads to another page, and waits for it. */
async function pressAndWait(page: Page, key: 'Enter' | 'Space'): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press(key)]);
}

describe('Web pages in Chromium: the assessment journey, its accessibility and keyboard use', function () {
  this.timeout(300_000);
  let web: TestServer;
  let browser: TestBrowser;
  let library: Awaited<ReturnType<typeof evidenceByOutcome>>;
  const titles = new Map<string, string>();
  const problemsSeen = new WeakMap<Page, number>();

  /** Checks a page with axe-core, and that its title is "Error: …" exactly when it shows errors, and is its own. */
  async function checkPage(page: Page, errors: boolean): Promise<void> {
    const title = await page.title();
    expect(title.startsWith('Error: '), title).to.equal(errors);
    expect((await errorSummary(page)).length > 0, title).to.equal(errors);
    const path = new URL(page.url()).pathname;
    const other = [...titles].find(([seenPath, seen]) => seen === title && seenPath !== path);
    expect(other, `${path} has the same title as ${other?.[0]}`).to.equal(undefined);
    titles.set(path, title);
    await expectAccessible(page);
    // A form shown again with its errors answers 400 (409 for a conflict), which Chromium reports on the console: that is not a problem.
    const problems = problemsOf(page);
    expect(problems.slice(problemsSeen.get(page) ?? 0).filter((problem) => !(errors && /the server responded with a status of 40[09]/.test(problem))), title).to.deep.equal([]);
    problemsSeen.set(page, problems.length);
  }

  before(async () => {
    library = await evidenceByOutcome();
    web = await startTestServer();
    browser = await startTestBrowser(web.url);
  });
  after(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('a system user completes a self-assessment: a validation error shown and corrected, scores proposed and accepted, then submitted', async () => {
    const id = (await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' })).body.id;
    const page = await browser.newPage();
    await signIn(browser, page, await web.account('system-user', 'QOX'));
    await browser.visit(page, `/assessments/${id}`);
    await checkPage(page, false);
    await Promise.all([page.waitForNavigation(), page.click(`a[href="/assessments/${id}/self"]`)]);
    await checkPage(page, false);

    await Promise.all([page.waitForNavigation(), page.click(`a[href="/assessments/${id}/self/regional-support"]`)]);
    await checkPage(page, false);
    await fillForm(page, { ...item('supportArrangementAgreed', true), ...item('icbLeadsProviderSupport', true), ...item('oversightSegment', 'two') });
    await save(page);
    expect(await errorSummary(page)).to.deep.equal(['The ICB’s segment in the NHS Oversight Framework: Enter a whole number, for example 12']);
    expect(await page.$eval('#indicators-oversightSegment-value', (input) => (input as HTMLInputElement).value)).to.equal('two');
    expect(await page.$eval('#indicators-icbLeadsProviderSupport-value', (input) => (input as HTMLInputElement).checked)).to.equal(true);
    await checkPage(page, true);
    await page.click('.nhsuk-error-summary__list a');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('indicators-oversightSegment-value');
    await fillForm(page, { '#indicators-oversightSegment-value': '2' });
    await save(page);
    expect(await page.$eval('.nhsuk-notification-banner__heading', (element) => element.textContent?.trim())).to.equal('Evidence saved (version 1). The rules propose: 3 — Good.');
    await checkPage(page, false);

    await Promise.all([page.waitForNavigation(), page.click(`a[href="/assessments/${id}/self/regional-support/judgement"]`)]);
    await checkPage(page, false);
    await fillForm(page, { '#judgement-decision-1': true, '#judgement-score': true });
    await save(page);
    expect(await errorSummary(page)).to.deep.equal(['Give the reason for your judgement']);
    await checkPage(page, true);
    await fillForm(page, { '#judgement-decision': true, '#judgement-rationale': '' });
    await save(page);
    expect(await page.$eval('.nhsuk-notification-banner__heading', (element) => element.textContent?.trim())).to.equal('Judgement recorded: 3 — Good.');

    await browser.visit(page, `/assessments/${id}/self/hosc-effectiveness`);
    const hosc = library.get('hosc-effectiveness')!.get(3)!.indicators as Record<string, { value: number | boolean }>;
    const fields: Record<string, string | true> = {};
    for (const [key, given] of Object.entries(hosc)) Object.assign(fields, item(key, typeof given.value === 'boolean' ? (given.value ? true : 'no') : String(given.value)));
    await fillForm(page, fields);
    await save(page);
    expect(await page.$eval('.nhsuk-notification-banner__heading', (element) => element.textContent?.trim())).to.equal('Evidence saved (version 1). The rules propose: 3 — Good.');

    await browser.visit(page, `/assessments/${id}/self/check`);
    await checkPage(page, false);
    // Eight criteria have no evidence: submitting needs that acknowledged, and says which.
    await submitForm(page);
    expect(await errorSummary(page)).to.have.length(1);
    expect((await errorSummary(page))[0]).to.match(/^8 of 10 criteria have no evidence in the self-assessment: (?!.*hosc-effectiveness).+\. Add it, or confirm that you submit without it$/);
    await checkPage(page, true);
    await fillForm(page, { '#acknowledgeEmptyCriteria': true });
    await submitForm(page);
    expect(await page.$eval('.nhsuk-notification-banner__heading', (element) => element.textContent?.trim())).to.equal('The assessment is now submitted.');
    expect(await page.$eval('main table', (table) => (table as HTMLElement).innerText.replace(/\s+/g, ' '))).to.match(/Submitted Test system-user \d+ \d+ \w+ \d{4} at \d\d:\d\d/);
  });

  it('adds and removes rows without JavaScript, and the Enter key saves rather than removing a row', async () => {
    const id = (await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2024/25' })).body.id;
    const page = await browser.newPage();
    await signIn(browser, page, await web.account('system-user', 'QOX'));
    await page.setJavaScriptEnabled(false);
    await browser.visit(page, `/assessments/${id}/self/partner-engagement`);
    await fillForm(page, { '#indicators-partnerSurvey-value-0-sector': 'local-government', '#indicators-partnerSurvey-value-0-respondents': '40', '#indicators-partnerSurvey-value-0-meanScore': '3.9', '#indicators-partnerSurvey-source': 'Partner survey 2025' });
    await Promise.all([page.waitForNavigation(), page.click('button[value="add:indicators.partnerSurvey.value"]')]);
    expect(await page.$eval('#indicators-partnerSurvey-value-0-respondents', (input) => (input as HTMLInputElement).value)).to.equal('40');
    await fillForm(page, { '#indicators-partnerSurvey-value-1-sector': 'icb', '#indicators-partnerSurvey-value-1-respondents': '12', '#indicators-partnerSurvey-value-1-meanScore': '4.4' });
    await fillForm(page, { '#indicators-partnerSurvey-asAt-day': '31', '#indicators-partnerSurvey-asAt-month': '3', '#indicators-partnerSurvey-asAt-year': '2025' });
    await page.focus('#indicators-partnerSurvey-asAt-year');
    await pressAndWait(page, 'Enter');
    expect(await page.$eval('.nhsuk-notification-banner__heading', (element) => element.textContent?.trim())).to.match(/^Evidence saved \(version 1\)/);
    const saved = await web.call(web.adminToken, 'GET', `/api/v1/assessments/${id}/perspectives/self/criteria/partner-engagement`);
    expect(saved.body.evidence.content.evidence.indicators.partnerSurvey.value).to.deep.equal([{ sector: 'local-government', respondents: 40, meanScore: 3.9 }, { sector: 'icb', respondents: 12, meanScore: 4.4 }]);
    await Promise.all([page.waitForNavigation(), page.click('button[value="remove:indicators.partnerSurvey.value:0"]')]);
    expect(await page.$$eval('[id^="indicators-partnerSurvey-value-"][id$="-respondents"]', (inputs) => inputs.map((input) => (input as HTMLInputElement).value))).to.deep.equal(['12']);
  });

  it('lets the core flow be completed with the keyboard alone: open a criterion, give evidence, save, accept the score', async () => {
    const id = (await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2023/24' })).body.id;
    const page = await browser.newPage();
    await signIn(browser, page, await web.account('system-user', 'QOX'));
    await browser.visit(page, `/assessments/${id}`);
    await tabTo(page, `a[href="/assessments/${id}/self"]`);
    await pressAndWait(page, 'Enter');
    await tabTo(page, `a[href="/assessments/${id}/self/regional-support"]`);
    await pressAndWait(page, 'Enter');
    for (const key of ['supportArrangementAgreed', 'icbLeadsProviderSupport']) {
      await tabTo(page, `#indicators-${key}-value`);
      await page.keyboard.press('Space');
      await typeInto(page, `#indicators-${key}-source`, 'Regional compact');
      await typeInto(page, `#indicators-${key}-asAt-day`, '31');
      await typeInto(page, `#indicators-${key}-asAt-month`, '3');
      await typeInto(page, `#indicators-${key}-asAt-year`, '2025');
    }
    await typeInto(page, '#indicators-oversightSegment-value', '1');
    await typeInto(page, '#indicators-oversightSegment-source', 'NHS Oversight Framework');
    await typeInto(page, '#indicators-oversightSegment-asAt-day', '31');
    await typeInto(page, '#indicators-oversightSegment-asAt-month', '3');
    await typeInto(page, '#indicators-oversightSegment-asAt-year', '2025');
    await pressAndWait(page, 'Enter');
    expect(await page.$eval('.nhsuk-notification-banner__heading', (element) => element.textContent?.trim())).to.match(/^Evidence saved \(version 1\)\. The rules propose: \d/);
    await tabTo(page, `a[href="/assessments/${id}/self/regional-support/judgement"]`);
    await pressAndWait(page, 'Enter');
    await tabTo(page, '#judgement-decision');
    await page.keyboard.press('Space');
    await tabTo(page, 'main form button[type="submit"]');
    await pressAndWait(page, 'Enter');
    expect(await page.$eval('.nhsuk-notification-banner__heading', (element) => element.textContent?.trim())).to.match(/^Judgement recorded: \d/);
    const state = await web.call(web.adminToken, 'GET', `/api/v1/assessments/${id}/perspectives/self/criteria/regional-support`);
    expect(state.body.judgement.content.judgement).to.deep.equal({ decision: 'accept' });
  });

  it('passes axe-core on every form with its errors showing, each titled "Error: …"', async () => {
    const id = (await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2022/23' })).body.id;
    const team = await browser.newPage();
    await signIn(browser, team, await web.account('system-user', 'QOX'));
    for (const [path, fields] of [
      [`/assessments/${id}/self/priorities-in-practice`, { '#indicators-caseExamples-value-0-title': 'Falls', '#indicators-caseExamples-value-0-baseline': 'many', '#indicators-cypStrategy-source': 'CYP strategy' }],
      [`/assessments/${id}/self/strategy-and-plans`, { '#indicators-strategyPublished-value-day': '30', '#indicators-strategyPublished-value-month': '2', '#indicators-strategyPublished-value-year': '2024' }],
      [`/assessments/${id}/self/learning-culture/judgement`, { '#judgement-score': true }],
      [`/assessments/${id}/ambitions`, { '#ambitions-0-title': 'Fewer falls', '#ambitions-0-baseline': '12abc' }],
      [`/assessments/${id}/sharing`, {}],
    ] as const) {
      await browser.visit(team, path);
      await fillForm(team, fields);
      await save(team);
      expect((await errorSummary(team)).length, path).to.be.greaterThan(0);
      await checkPage(team, true);
    }

    const assessor = await browser.newPage();
    await signIn(browser, assessor, await web.account('assessor'));
    const teamToken = await web.tokenFor('system-user', 'QOX');
    const assessorToken = await web.tokenFor('assessor');
    await web.call(teamToken, 'PUT', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness/evidence`, { basedOnVersion: 0, evidence: library.get('hosc-effectiveness')!.get(4) });
    await web.call(teamToken, 'POST', `/api/v1/assessments/${id}/status`, { to: 'submitted', version: 1, acknowledgeEmptyCriteria: true });
    await web.call(assessorToken, 'PUT', `/api/v1/assessments/${id}/perspectives/assessor/criteria/hosc-effectiveness/evidence`, { basedOnVersion: 0, evidence: library.get('hosc-effectiveness')!.get(2) });
    await web.call(assessorToken, 'POST', `/api/v1/assessments/${id}/status`, { to: 'in-review', version: 2 });
    await web.call(assessorToken, 'POST', `/api/v1/assessments/${id}/reveal`, { reason: 'No peer review was arranged this year.' });
    await browser.visit(assessor, `/assessments/${id}/moderation`);
    await checkPage(assessor, false);
    await browser.visit(assessor, `/assessments/${id}/moderation/hosc-effectiveness`);
    await checkPage(assessor, false);
    await save(assessor);
    expect(await errorSummary(assessor)).to.deep.equal(['Choose the moderated score']);
    await checkPage(assessor, true);
    await browser.visit(assessor, '/calibration?period=2022%2F24');
    await checkPage(assessor, true);
    await browser.visit(assessor, '/calibration?period=2022%2F23');
    await checkPage(assessor, false);
  });
});
