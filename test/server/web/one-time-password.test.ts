import { expect } from 'chai';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { WebClient } from '../../support/web-client.ts';

describe('Web pages: one-time passwords sign in once, and must then be changed', function () {
  this.timeout(120_000);
  let web: TestServer;
  before(async () => {
    web = await startTestServer();
  });
  after(() => web?.stop());

  /** A new user with the one-time password an administrator would be shown. */
  async function newcomer(role: 'assessor' | 'peer-reviewer' = 'assessor') {
    const { user, password } = await web.server.services.accounts.createUser({ email: `new-${Math.random().toString(36).slice(2)}@example.org`, name: 'New Person', role, system: null }, 'Administrator');
    return { userId: user.id, email: user.email, password };
  }

  it('sends someone signed in with a one-time password to change it, from every page, and a form changes nothing meanwhile', async () => {
    const person = await newcomer();
    const client = new WebClient(web.url);
    const signedIn = await client.signIn(person);
    expect(signedIn.status).to.equal(303);
    expect(signedIn.location).to.equal('/account/password');
    for (const path of ['/', '/calibration', '/admin/users', '/account/password/../../']) {
      const page = await client.get(path);
      expect(page.status, path).to.equal(303);
      expect(page.location, path).to.equal('/account/password');
    }
    const form = await client.get('/account/password');
    expect(form.status).to.equal(200);
    expect(form.html).to.contain('You signed in with a one-time password. It cannot be used again');
    const assessments = await web.server.services.identity.listUsers();
    expect((await client.post('/admin/users/new', { name: 'Sneaky', email: 'sneaky@example.org', role: 'admin' })).location).to.equal('/account/password');
    expect((await web.server.services.identity.listUsers()).length).to.equal(assessments.length);
  });

  it('refuses the one-time password at a second sign-in, even before it is changed', async () => {
    const person = await newcomer();
    expect((await new WebClient(web.url).signIn(person)).status).to.equal(303);
    const again = await new WebClient(web.url).signIn(person);
    expect(again.status).to.equal(400);
    expect(again.html).to.contain('The email address or the password is not right');
  });

  it('lets only one of two sign-ins racing with the same one-time password in', async () => {
    const person = await newcomer();
    const answers = await Promise.all([new WebClient(web.url).signIn(person), new WebClient(web.url).signIn(person)]);
    expect(answers.map((answer) => answer.status).sort()).to.deep.equal([303, 400]);
  });

  it('once changed, every page opens, the new password signs in and the one-time password never again', async () => {
    const person = await newcomer();
    const client = new WebClient(web.url);
    await client.signIn(person);
    await client.get('/account/password');
    const changed = await client.post('/account/password', { currentPassword: person.password, newPassword: 'a password of my own', confirmPassword: 'a password of my own' });
    expect(changed.status).to.equal(303);
    expect(changed.location).to.equal('/');
    expect((await client.get('/')).status).to.equal(200);
    expect((await client.get('/account/password')).html).to.not.contain('one-time password');
    expect((await new WebClient(web.url).signIn(person)).status).to.equal(400);
    expect((await new WebClient(web.url).signIn({ email: person.email, password: 'a password of my own' })).location).to.equal('/');
  });

  it('leaves the API token flow alone: a token works while the person must still change their password', async () => {
    const person = await newcomer();
    await new WebClient(web.url).signIn(person);
    const { secret } = await web.server.services.identity.issueToken(person.userId, 'script', 'Administrator');
    expect((await web.call(secret, 'GET', '/api/v1/systems')).status).to.equal(200);
  });
});

describe('Web pages: reloading the page that showed a new user’s one-time password', function () {
  this.timeout(120_000);
  let web: TestServer;
  let admin: WebClient;
  before(async () => {
    web = await startTestServer();
    admin = new WebClient(web.url);
    await admin.signIn(web.admin);
  });
  after(() => web?.stop());

  it('says it was shown once, shows no password, and offers to give a new one', async () => {
    await admin.get('/admin/users/new');
    const form = { name: 'Ada Reload', email: 'ada.reload@example.org', role: 'assessor', system: '' };
    const shown = await admin.post('/admin/users/new', form);
    expect(shown.status).to.equal(200);
    const password = /id="one-time-password">([^<]+)</.exec(shown.html)?.[1];
    expect(password).to.match(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);

    const reloaded = await admin.post('/admin/users/new', form);
    expect(reloaded.status).to.equal(409);
    expect(reloaded.html).to.contain('Ada Reload was already added');
    expect(reloaded.html).to.contain('is not shown again');
    expect(reloaded.html).to.not.contain(password!);
    expect(reloaded.html).to.not.match(/id="one-time-password"/);
    const userId = /action="\/admin\/users\/([0-9a-f]{24})\/password"/.exec(reloaded.html)?.[1];
    expect(userId).to.be.a('string');

    const again = await admin.post(`/admin/users/${userId}/password`, {});
    expect(again.status).to.equal(200);
    const fresh = /id="one-time-password">([^<]+)</.exec(again.html)?.[1];
    expect(fresh).to.match(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/).and.not.equal(password);
    expect((await new WebClient(web.url).signIn({ email: 'ada.reload@example.org', password: password! })).status, 'the lost one no longer works').to.equal(400);
    expect((await new WebClient(web.url).signIn({ email: 'ada.reload@example.org', password: fresh! })).location).to.equal('/account/password');
  });

  it('still refuses another person with the same email on the email field', async () => {
    await admin.get('/admin/users/new');
    const other = await admin.post('/admin/users/new', { name: 'Someone Else', email: 'ada.reload@example.org', role: 'assessor', system: '' });
    expect(other.status).to.equal(400);
    expect(other.html).to.contain('A user with this email address already exists');
    expect(other.html).to.contain('value="Someone Else"');
  });
});
