import { expect } from 'chai';
import { errorSummary, expectAccessible, fillForm, signIn, startTestBrowser, submitForm, type TestBrowser } from '../../support/browser.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { WebClient } from '../../support/web-client.ts';

describe('Web pages: administering users (real Chromium)', function () {
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

  const asAdmin = async () => {
    const page = await browser.newPage();
    await signIn(browser, page, web.admin);
    return page;
  };

  it('lists users, and the list passes axe-core', async () => {
    const page = await asAdmin();
    await browser.visit(page, '/admin/users');
    expect(await page.title()).to.equal('Users – ICS maturity assessment');
    expect(await page.$$eval('tbody tr td:nth-child(2)', (cells) => cells.map((cell) => cell.textContent))).to.include('admin@example.org');
    await expectAccessible(page);
  });

  it('shows every problem of the new-user form at once, keeps what was typed, and the form with errors passes axe-core', async () => {
    const page = await asAdmin();
    await browser.visit(page, '/admin/users/new');
    await expectAccessible(page);
    await fillForm(page, { '#name': 'Sam Patel', '#email': 'not an email' });
    const response = await submitForm(page);
    expect(response?.status()).to.equal(400);
    expect(await page.title()).to.equal('Error: Add a user – ICS maturity assessment');
    expect(await errorSummary(page)).to.deep.equal(['Enter an email address in the correct format, like name@example.org', 'Select a role']);
    expect(await page.$eval('#name', (input) => (input as HTMLInputElement).value)).to.equal('Sam Patel');
    expect(await page.$eval('#email', (input) => (input as HTMLInputElement).value)).to.equal('not an email');
    await expectAccessible(page);
    await fillForm(page, { '#email': 'sam.patel@example.org', '#role-3': true });
    await submitForm(page);
    expect(await errorSummary(page)).to.deep.equal(['Select the system a system user belongs to']);
    expect(await page.$eval('#role-3', (input) => (input as HTMLInputElement).checked), 'the role chosen is kept').to.equal(true);
    await expectAccessible(page);
  });

  it('adds a user and shows their password once; they sign in with it and must choose their own; only its scrypt hash is stored', async () => {
    const page = await asAdmin();
    await browser.visit(page, '/admin/users/new');
    await fillForm(page, { '#name': 'Jo Okafor', '#email': 'Jo.Okafor@example.org', '#role-3': true, '#system': 'QOX' });
    await submitForm(page);
    expect(await page.title()).to.equal('User added – ICS maturity assessment');
    const password = (await page.$eval('#one-time-password', (element) => element.textContent))!.trim();
    expect(password).to.match(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    await expectAccessible(page);

    const stored = await web.server.database.models.users.findOne({ email: 'jo.okafor@example.org' }).lean();
    expect(stored?.passwordHash).to.match(/^scrypt\$32768\$8\$1\$/).and.not.contain(password);
    expect(JSON.stringify(stored)).to.not.contain(password);

    const theirs = await browser.newPage();
    await signIn(browser, theirs, { email: 'jo.okafor@example.org', password });
    expect(await theirs.title()).to.equal('Change your password – ICS maturity assessment');
    await fillForm(theirs, { '#currentPassword': password, '#newPassword': 'Jo’s own long password', '#confirmPassword': 'Jo’s own long password' });
    await submitForm(theirs);
    expect(await theirs.title()).to.equal('Assessments – ICS maturity assessment');
    expect(await theirs.$eval('.nhsuk-header__account', (element) => element.textContent)).to.contain('Jo Okafor (System user, QOX)');
    expect(await theirs.$$eval('a.nhsuk-header__navigation-link', (links) => links.map((link) => link.textContent?.trim())), 'no administration in their menu').to.deep.equal(['Assessments']);
  });

  it('refuses a second user with the same email, on the email field', async () => {
    const page = await asAdmin();
    await browser.visit(page, '/admin/users/new');
    await fillForm(page, { '#name': 'Another Admin', '#email': 'ADMIN@example.org', '#role': true });
    await submitForm(page);
    expect(await errorSummary(page)).to.deep.equal(['A user with this email address already exists']);
  });

  it('escapes what people type: a name with markup is shown as text', async () => {
    const page = await asAdmin();
    await browser.visit(page, '/admin/users/new');
    await fillForm(page, { '#name': '<img src=x onerror="document.title=1">Mal', '#email': 'mal@example.org', '#role-1': true });
    await submitForm(page);
    await browser.visit(page, '/admin/users');
    expect(await page.$$eval('main img', (images) => images.length)).to.equal(0);
    expect(await page.$eval('main table', (table) => table.textContent)).to.contain('<img src=x onerror="document.title=1">Mal');
    expect(await page.title()).to.equal('Users – ICS maturity assessment');
  });

  it('changes a user’s role and system, and gives them a new password (the old one stops working)', async () => {
    const account = await web.account('peer-reviewer');
    const page = await asAdmin();
    await browser.visit(page, `/admin/users/${account.userId}`);
    await expectAccessible(page);
    await fillForm(page, { '#role-4': true, '#system': 'QE1' });
    await submitForm(page, `form[action="/admin/users/${account.userId}/role"]`);
    expect(await page.$eval('.nhsuk-notification-banner', (element) => element.textContent)).to.contain('role is changed');
    expect(await web.server.services.identity.getUser(account.userId)).to.include({ role: 'board-viewer', system: 'QE1' });

    await submitForm(page, `form[action="/admin/users/${account.userId}/password"]`);
    expect(await page.title()).to.equal('New password given – ICS maturity assessment');
    const password = (await page.$eval('#one-time-password', (element) => element.textContent))!.trim();
    expect((await new WebClient(web.url).signIn(account)).status).to.equal(400);
    expect((await new WebClient(web.url).signIn({ email: account.email, password })).status).to.equal(303);
  });

  it('refuses every administration page to anyone but an administrator, with 403', async () => {
    const client = new WebClient(web.url);
    await client.signIn(await web.account('assessor'));
    for (const path of ['/admin/users', '/admin/users/new', '/admin/systems', '/admin/systems/QOX', '/admin/rule-packs']) {
      const answer = await client.get(path);
      expect(answer.status, path).to.equal(403);
      expect(answer.html, path).to.contain('<title>Error: You cannot do that – ICS maturity assessment</title>');
    }
    await client.get('/');
    const forged = await client.post('/admin/users/new', { name: 'Me Again', email: 'me-again@example.org', role: 'admin', system: '' });
    expect(forged.status).to.equal(403);
    expect((await web.server.services.identity.listUsers()).map((user) => user.email)).to.not.include('me-again@example.org');
  });
});
