import { expect } from 'chai';
import { createHash, randomBytes } from 'node:crypto';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { WebClient } from '../../support/web-client.ts';

const sessionCookie = '__Host-ics-session';
const idOf = (cookie: string) => createHash('sha256').update(cookie).digest('hex');

describe('Web pages: sessions and their cookie', function () {
  this.timeout(120_000);
  let web: TestServer;
  before(async () => {
    web = await startTestServer({ SWEEP_INTERVAL_SECONDS: '1' });
  });
  after(() => web?.stop());

  const signedIn = async (account = web.admin) => {
    const client = new WebClient(web.url);
    const answer = await client.signIn(account);
    expect(answer.status, answer.html).to.equal(303);
    return client;
  };
  const sessions = () => web.server.database.models.sessions;

  it('sets the session cookie HttpOnly, Secure, SameSite=Lax, Path=/ with the __Host- prefix and no Domain, and stores only its hash', async () => {
    const client = new WebClient(web.url);
    await client.get('/sign-in');
    const answer = await client.post('/sign-in', { email: web.admin.email, password: web.admin.password });
    const line = answer.headers.getSetCookie().find((candidate) => candidate.startsWith(`${sessionCookie}=`));
    expect(line).to.match(/^__Host-ics-session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const value = client.cookies.get(sessionCookie)!;
    expect(await sessions().findById(idOf(value)).lean()).to.include({ userId: web.admin.userId });
    expect(await sessions().countDocuments({ _id: value })).to.equal(0);
  });

  it('gives the sign-in form its own CSRF cookie, with the same flags', async () => {
    const answer = await new WebClient(web.url).get('/sign-in');
    expect(answer.headers.getSetCookie()).to.have.length(1);
    expect(answer.headers.getSetCookie()[0]).to.match(/^__Host-ics-csrf=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('starts a new session at sign-in: a session id planted beforehand is never used (fixation)', async () => {
    const client = new WebClient(web.url);
    const planted = randomBytes(32).toString('base64url');
    client.cookies.set(sessionCookie, planted);
    await client.signIn(web.admin);
    const issued = client.cookies.get(sessionCookie);
    expect(issued).to.be.a('string').and.not.equal(planted);
    const attacker = new WebClient(web.url);
    attacker.cookies.set(sessionCookie, planted);
    expect((await attacker.get('/')).location).to.equal('/sign-in?next=%2F');
  });

  it('ends the session a browser had when it signs in again, and issues another', async () => {
    const client = await signedIn();
    const first = client.cookies.get(sessionCookie)!;
    // A sign-in form left open in another tab, sent with the session's token (a signed-in page's forms carry it).
    await client.get('/');
    expect((await client.post('/sign-in', { email: web.admin.email, password: web.admin.password })).status).to.equal(303);
    expect(client.cookies.get(sessionCookie)).to.not.equal(first);
    expect(await sessions().countDocuments({ _id: idOf(first) })).to.equal(0);
    expect((await client.get('/')).status).to.equal(200);
  });

  it('ends the session on the server at sign-out: the old cookie, replayed, is refused', async () => {
    const client = await signedIn();
    const cookie = client.cookies.get(sessionCookie)!;
    expect((await client.get('/')).status).to.equal(200);
    const answer = await client.post('/sign-out', {});
    expect(answer).to.include({ status: 303, location: '/sign-in' });
    expect(client.cookies.has(sessionCookie), 'the browser is told to forget it').to.equal(false);
    expect(await sessions().countDocuments({ _id: idOf(cookie) })).to.equal(0);
    const replay = new WebClient(web.url);
    replay.cookies.set(sessionCookie, cookie);
    expect((await replay.get('/admin/users')).location).to.equal('/sign-in?next=%2Fadmin%2Fusers');
  });

  it('refuses an expired session at once, and the sweep deletes it', async () => {
    const client = await signedIn();
    const id = idOf(client.cookies.get(sessionCookie)!);
    await sessions().updateOne({ _id: id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await client.get('/')).status).to.equal(303);
    expect(await web.server.services.sessions.sweep()).to.be.at.least(1);
    expect(await sessions().countDocuments({ _id: id })).to.equal(0);
  });

  it('sweeps expired sessions by itself, every SWEEP_INTERVAL_SECONDS', async () => {
    const client = await signedIn();
    const id = idOf(client.cookies.get(sessionCookie)!);
    await sessions().updateOne({ _id: id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    for (let tries = 0; tries < 100 && (await sessions().countDocuments({ _id: id })) > 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await sessions().countDocuments({ _id: id })).to.equal(0);
  });

  it('ends every session of a user an administrator disables', async () => {
    const account = await web.account('assessor');
    const [first, second] = [await signedIn(account), await signedIn(account)];
    expect((await first.get('/')).status).to.equal(200);
    const admin = await signedIn();
    await admin.get(`/admin/users/${account.userId}`);
    expect((await admin.post(`/admin/users/${account.userId}/disable`, {})).status).to.equal(303);
    expect(await sessions().countDocuments({ userId: account.userId })).to.equal(0);
    expect((await first.get('/')).status).to.equal(303);
    expect((await second.get('/')).status).to.equal(303);
    expect((await new WebClient(web.url).signIn(account)).status, 'nor can they sign in again').to.equal(400);
  });

  it('ends the other sessions when someone changes their password, and keeps them signed in with a new one', async () => {
    const account = await web.account('peer-reviewer');
    const [here, elsewhere] = [await signedIn(account), await signedIn(account)];
    const before = here.cookies.get(sessionCookie);
    await here.get('/account/password');
    const answer = await here.post('/account/password', { currentPassword: account.password, newPassword: 'correct horse battery staple', confirmPassword: 'correct horse battery staple' });
    expect(answer).to.include({ status: 303, location: '/' });
    expect(here.cookies.get(sessionCookie)).to.not.equal(before);
    expect((await here.get('/')).status).to.equal(200);
    expect((await elsewhere.get('/')).status).to.equal(303);
    expect((await new WebClient(web.url).signIn({ email: account.email, password: 'correct horse battery staple' })).status).to.equal(303);
    expect((await new WebClient(web.url).signIn(account)).status, 'the old password no longer works').to.equal(400);
  });

  it('shows the change of password form’s errors on the form', async () => {
    const account = await web.account('board-viewer');
    const client = await signedIn(account);
    await client.get('/account/password');
    const wrong = await client.post('/account/password', { currentPassword: 'not it', newPassword: 'short', confirmPassword: 'other' });
    expect(wrong.status).to.equal(400);
    expect(wrong.html).to.contain('<title>Error: Change your password – ICS maturity assessment</title>').and.contain('href="#confirmPassword">Enter the same new password twice');
    const short = await client.post('/account/password', { currentPassword: 'not it', newPassword: 'short', confirmPassword: 'short' });
    expect(short.html).to.contain('href="#currentPassword">Your current password is not right');
    const tooShort = await client.post('/account/password', { currentPassword: account.password, newPassword: 'short', confirmPassword: 'short' });
    expect(tooShort.html).to.contain('href="#newPassword">Enter a password of at least 12 characters');
  });
});
