import { expect } from 'chai';
import { axeViolations, errorSummary, expectAccessible, fillForm, problemsOf, signIn, startTestBrowser, submitForm, type TestBrowser } from '../../support/browser.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('Web pages: signing in (real Chromium)', function () {
  this.timeout(120_000);
  let web: TestServer;
  let browser: TestBrowser;
  before(async () => {
    web = await startTestServer();
    browser = await startTestBrowser(web.url);
  });
  after(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('sends someone who is not signed in from the dashboard to the sign-in page, which passes axe-core', async () => {
    const page = await browser.newPage();
    await browser.visit(page, '/');
    expect(new URL(page.url()).pathname).to.equal('/sign-in');
    expect(await page.title()).to.equal('Sign in – ICS maturity assessment');
    await expectAccessible(page);
  });

  it('has an accessibility check that finds a violation when there is one', async () => {
    const page = await browser.newPage();
    await browser.visit(page, '/sign-in');
    await page.$eval('label[for="email"]', (label) => label.remove());
    expect((await axeViolations(page)).map((violation) => violation.id)).to.include('label');
  });

  it('signs the first administrator in, through the cookie the browser keeps', async () => {
    const page = await browser.newPage();
    await signIn(browser, page, web.admin);
    expect(new URL(page.url()).pathname).to.equal('/');
    expect(await page.title()).to.equal('Assessments – ICS maturity assessment');
    expect(await page.$eval('.nhsuk-header__account', (element) => element.textContent)).to.contain('Administrator');
    const [cookie] = (await page.browserContext().cookies()).filter((candidate) => candidate.name.includes('ics-session'));
    expect(cookie, 'Chromium keeps the __Host- session cookie on http://127.0.0.1').to.include({ name: '__Host-ics-session', httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    expect(problemsOf(page), 'no CSP violation, script error or failed request').to.deep.equal([]);
  });

  it('refuses a wrong password with an error summary, keeps the email, and titles the page "Error:"; the page passes axe-core', async () => {
    const page = await browser.newPage();
    await browser.visit(page, '/sign-in');
    await fillForm(page, { '#email': 'admin@example.org', '#password': 'not the password' });
    const response = await submitForm(page);
    expect(response?.status()).to.equal(400);
    expect(await page.title()).to.equal('Error: Sign in – ICS maturity assessment');
    expect(await errorSummary(page)).to.deep.equal(['The email address or the password is not right']);
    expect(await page.$eval('.nhsuk-error-summary__list a', (link) => link.getAttribute('href'))).to.equal('#email');
    expect(await page.$eval('#email', (input) => (input as HTMLInputElement).value)).to.equal('admin@example.org');
    expect(await page.$eval('#password', (input) => (input as HTMLInputElement).value)).to.equal('');
    await expectAccessible(page);
  });

  it('gives an unknown email the same answer as a wrong password', async () => {
    const page = await browser.newPage();
    await signIn(browser, page, { email: 'nobody@example.org', password: 'whatever it is' });
    expect(await errorSummary(page)).to.deep.equal(['The email address or the password is not right']);
  });

  it('asks for both fields, each error linking to its field', async () => {
    const page = await browser.newPage();
    await browser.visit(page, '/sign-in');
    await submitForm(page);
    expect(await errorSummary(page)).to.deep.equal(['Enter your email address', 'Enter your password']);
    expect(await page.$$eval('.nhsuk-error-summary__list a', (links) => links.map((link) => link.getAttribute('href')))).to.deep.equal(['#email', '#password']);
    expect(await page.$eval('#password', (input) => input.getAttribute('aria-describedby'))).to.equal('password-error');
    await expectAccessible(page);
  });

  it('works with JavaScript off', async () => {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await signIn(browser, page, web.admin);
    expect(await page.title()).to.equal('Assessments – ICS maturity assessment');
    await submitForm(page, '.nhsuk-header__account-form');
    expect(new URL(page.url()).pathname).to.equal('/sign-in');
  });

  it('can be completed with the keyboard alone', async () => {
    const page = await browser.newPage();
    await browser.visit(page, '/sign-in');
    // From the top of the page: the skip link, then the header's link, then the form.
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.className || '');
    for (let presses = 0; presses < 10 && (await focused()) !== 'email'; presses += 1) await page.keyboard.press('Tab');
    expect(await focused()).to.equal('email');
    await page.keyboard.type(web.admin.email);
    await page.keyboard.press('Tab');
    expect(await focused()).to.equal('password');
    await page.keyboard.type(web.admin.password);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    expect(await page.title()).to.equal('Assessments – ICS maturity assessment');
  });

  it('returns to the page asked for after signing in, but never to another site', async () => {
    const page = await browser.newPage();
    await signIn(browser, page, web.admin, '/admin/users?x=1');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).to.equal('/admin/users?x=1');
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example/']) {
      const other = await browser.newPage();
      await signIn(browser, other, web.admin, next);
      expect(new URL(other.url()).origin, next).to.equal(web.url);
      expect(new URL(other.url()).pathname, next).to.equal('/');
    }
  });

  it('signs out through the header’s button, with a message on the sign-in page', async () => {
    const page = await browser.newPage();
    await signIn(browser, page, web.admin);
    await submitForm(page, '.nhsuk-header__account-form');
    expect(new URL(page.url()).pathname).to.equal('/sign-in');
    expect(await page.$eval('.nhsuk-notification-banner', (element) => element.textContent)).to.contain('You have signed out');
    await browser.visit(page, '/');
    expect(new URL(page.url()).pathname).to.equal('/sign-in');
  });
});
