import { expect } from 'chai';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { WebClient } from '../../support/web-client.ts';

const expired = '<title>Error: The form has expired – ICS maturity assessment</title>';

describe('Web pages: every POST needs its CSRF token', function () {
  this.timeout(120_000);
  let web: TestServer;
  let admin: WebClient;
  before(async () => {
    web = await startTestServer();
    admin = new WebClient(web.url);
    await admin.signIn(web.admin);
    await admin.get('/admin/users/new');
  });
  after(() => web?.stop());

  const newUser = { name: 'Forged User', email: 'forged@example.org', role: 'admin', system: '' };
  const users = async () => (await web.server.services.identity.listUsers()).map((user) => user.email);

  for (const [what, csrf] of [
    ['without a token', null],
    ['with a wrong token', 'A'.repeat(43)],
    ['with an empty token', ''],
  ] as const) {
    it(`refuses a form ${what} with 403 "The form has expired", and changes nothing`, async () => {
      const answer = await admin.post('/admin/users/new', newUser, { csrf });
      expect(answer.status).to.equal(403);
      expect(answer.html).to.contain(expired);
      expect(await users()).to.not.include('forged@example.org');
    });
  }

  it('refuses the token of another session', async () => {
    const other = new WebClient(web.url);
    await other.signIn(await web.account('admin'));
    await other.get('/admin/users/new');
    const answer = await admin.post('/admin/users/new', newUser, { csrf: other.csrfToken });
    expect(answer.status).to.equal(403);
    expect(await users()).to.not.include('forged@example.org');
  });

  it('refuses a token sent twice under one name (an array)', async () => {
    const response = await fetch(`${web.url}/admin/users/new`, {
      method: 'POST',
      headers: { cookie: [...admin.cookies].map(([name, value]) => `${name}=${value}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([['_csrf', admin.csrfToken!], ['_csrf', admin.csrfToken!], ['name', 'Twice'], ['email', 'twice@example.org'], ['role', 'admin']]).toString(),
    });
    expect(response.status).to.equal(403);
  });

  it('refuses a JSON body sent to a page', async () => {
    const response = await fetch(`${web.url}/admin/users/new`, {
      method: 'POST',
      headers: { cookie: [...admin.cookies].map(([name, value]) => `${name}=${value}`).join('; '), 'content-type': 'application/json' },
      body: JSON.stringify({ ...newUser, _csrf: admin.csrfToken }),
    });
    expect(response.status).to.equal(403);
    expect(await users()).to.not.include('forged@example.org');
  });

  it('keeps the session of a sign-out without a token', async () => {
    const answer = await admin.post('/sign-out', {}, { csrf: null });
    expect(answer.status).to.equal(403);
    expect((await admin.get('/')).status).to.equal(200);
  });

  it('accepts the form with its own token', async () => {
    await admin.get('/admin/users/new');
    const answer = await admin.post('/admin/users/new', newUser);
    expect(answer.status).to.equal(200);
    expect(await users()).to.include('forged@example.org');
  });

  describe('before sign-in (a signed double-submit cookie)', () => {
    it('refuses a sign-in without the browser’s CSRF cookie, even with a token from another browser', async () => {
      const other = new WebClient(web.url);
      await other.get('/sign-in');
      const stranger = new WebClient(web.url);
      const answer = await stranger.post('/sign-in', { email: web.admin.email, password: web.admin.password }, { csrf: other.csrfToken });
      expect(answer.status).to.equal(403);
      expect(answer.html).to.contain(expired);
      expect(stranger.cookies.has('__Host-ics-session')).to.equal(false);
    });

    it('refuses a sign-in whose token is not the signature of the browser’s own cookie', async () => {
      const client = new WebClient(web.url);
      await client.get('/sign-in');
      const other = new WebClient(web.url);
      await other.get('/sign-in');
      // Another browser's cookie and token are each valid, but not as a pair with this one's.
      expect((await client.post('/sign-in', { email: web.admin.email, password: web.admin.password }, { csrf: other.csrfToken })).status).to.equal(403);
      client.cookies.set('__Host-ics-csrf', 'B'.repeat(43));
      expect((await client.post('/sign-in', { email: web.admin.email, password: web.admin.password })).status).to.equal(403);
    });
  });
});
