import { expect } from 'chai';
import type { Page } from 'puppeteer-core';
import { criterionEvidence } from '../../../assessments/evidence/registry.ts';
import { evidenceForm } from '../../../assessments/forms/evidence-form.ts';
import { formValuesOf } from '../../../assessments/forms/form-values.ts';
import { signIn, startTestBrowser, type TestBrowser } from '../../support/browser.ts';
import { evidenceByOutcome } from '../../support/evidence-from-cases.ts';
import { formFields } from '../../support/form-fields.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/** Sets the fields of the page's main form as a person would have typed and chosen them. */
async function setFields(page: Page, fields: Record<string, string>): Promise<void> {
  await page.$eval(
    'main form[method="post"]',
    (form, values) => {
      for (const [name, value] of Object.entries(values)) {
        for (const element of (form as HTMLFormElement).querySelectorAll<HTMLInputElement>(`[name="${CSS.escape(name)}"]`)) {
          if (element.type === 'radio' || element.type === 'checkbox') element.checked = element.value === value;
          else element.value = value;
        }
      }
    },
    fields,
  );
}

/** A real double click on a visible button, then the page the browser ends on. */
async function doubleClick(page: Page, button: string): Promise<string> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(button, { count: 2, delay: 5 })]);
  // A second navigation may follow the first: let the last one settle.
  await page.waitForNetworkIdle({ idleTime: 500 });
  return page.$eval('main', (main) => main.textContent?.replace(/\s+/g, ' ') ?? '');
}

/** Issue 14: a double click on "Save evidence" or "Submit" applies once, and never blames "someone else". */
describe('Web pages: a double click submits a form once (real Chromium)', function () {
  this.timeout(180_000);
  let web: TestServer;
  let browser: TestBrowser;
  let id: string;
  let page: Page;
  before(async () => {
    web = await startTestServer();
    browser = await startTestBrowser(web.url);
    id = (await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' })).body.id;
    page = await browser.newPage();
    await signIn(browser, page, await web.account('system-user', 'QOX'));
  });
  after(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('"Save evidence" double-clicked saves version 1 once and says so', async () => {
    const evidence = (await evidenceByOutcome()).get('hosc-effectiveness')!.get(3) as object;
    await browser.visit(page, `/assessments/${id}/self/hosc-effectiveness`);
    await setFields(page, formFields(formValuesOf(evidenceForm(criterionEvidence['hosc-effectiveness']!), evidence)));
    const text = await doubleClick(page, 'main form[method="post"] button.nhsuk-button[type="submit"]');
    expect(text).not.to.contain('Someone else');
    expect(text).to.contain('Evidence saved (version 1)');
    const versions = (await web.call(web.adminToken, 'GET', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness/evidence/versions`)).body;
    expect(versions).to.have.length(1);
  });

  it('a save that conflicts with the same person’s own earlier save says "You already saved", not "Someone else"', async () => {
    await browser.visit(page, `/assessments/${id}/self/hosc-effectiveness`);
    // As if the form had been opened before that first save: based on version 0.
    await page.$eval('main form[method="post"] input[name="basedOnVersion"]', (input) => {
      (input as HTMLInputElement).value = '0';
    });
    const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('main form[method="post"] button.nhsuk-button[type="submit"]')]);
    expect(response?.status()).to.equal(409);
    const text = await page.$eval('main', (main) => main.textContent?.replace(/\s+/g, ' ') ?? '');
    expect(text).to.contain('You already saved this evidence (version 1)').and.not.to.contain('Someone else');
  });

  it('"Submit the self-assessment" double-clicked submits once, without "The status cannot move there"', async () => {
    await browser.visit(page, `/assessments/${id}/self/check`);
    // Only one criterion has evidence: confirm submitting without it for the others, as the form asks.
    await page.click('#acknowledgeEmptyCriteria');
    const text = await doubleClick(page, 'main form[method="post"] button.nhsuk-button[type="submit"]');
    expect(text).not.to.contain('cannot move there');
    const audit = (await web.call(web.adminToken, 'GET', `/api/v1/assessments/${id}/audit`)).body as Array<{ action: string; subject: string }>;
    expect(audit.filter((entry) => /status/i.test(`${entry.action} ${entry.subject}`))).to.have.length(1);
    expect((await web.call(web.adminToken, 'GET', `/api/v1/assessments/${id}`)).body.status).to.equal('submitted');
  });
});
