import { expect } from 'chai';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { WebClient } from '../../support/web-client.ts';

const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

describe('Web pages: sign-in delays after repeated failures, not lock-outs', function () {
  this.timeout(120_000);
  let web: TestServer;
  before(async () => {
    web = await startTestServer();
  });
  after(() => web?.stop());

  const attempt = (email: string, password: string) => new WebClient(web.url).signIn({ email, password });

  it('after 5 anonymous wrong guesses, pauses the administrator for a second, not 15 minutes: then their password lets them in', async () => {
    for (let failure = 1; failure <= 5; failure += 1) {
      const answer = await attempt(web.admin.email, `wrong password ${failure}`);
      expect(answer.status, `failure ${failure}`).to.equal(400);
      expect(answer.html).to.contain('The email address or the password is not right');
    }
    const tooSoon = await attempt(web.admin.email, web.admin.password);
    expect(tooSoon.status).to.equal(429);
    expect(tooSoon.headers.get('retry-after')).to.equal('1');
    expect(tooSoon.html).to.contain('Too many attempts to sign in have failed, so signing in is paused for a moment. Try again in 1 second.');
    expect(tooSoon.html).to.contain('<title>Error: Sign in – ICS maturity assessment</title>');
    expect(tooSoon.headers.getSetCookie().some((line) => line.startsWith('__Host-ics-session='))).to.equal(false);
    await pause(1100);
    expect((await attempt(web.admin.email, web.admin.password)).status, 'the right password after the delay').to.equal(303);
  });

  it('doubles the delay with each further failure, and says how long in seconds', async () => {
    const account = await web.account('assessor');
    for (let failure = 1; failure <= 5; failure += 1) await attempt(account.email, 'wrong password');
    await pause(1100);
    expect((await attempt(account.email, 'wrong again')).status).to.equal(400);
    const next = await attempt(account.email, account.password);
    expect(next.status).to.equal(429);
    expect(next.headers.get('retry-after')).to.equal('2');
    expect(next.html).to.contain('Try again in 2 seconds.');
  });

  it('treats an unknown email the same way, so a delay does not tell whether an account exists', async () => {
    for (let failure = 1; failure <= 5; failure += 1) expect((await attempt('nobody@example.org', 'guess')).status).to.equal(400);
    expect((await attempt('nobody@example.org', 'guess')).status).to.equal(429);
  });

  it('records attempts as inserted documents, never the password tried', async () => {
    const stored = await web.server.database.models.signInAttempts.find({}).lean();
    expect(stored.length).to.be.at.least(10);
    expect(JSON.stringify(stored)).to.not.contain('wrong password').and.not.contain('guess');
  });
});

describe('Web pages: the address throttled behind a proxy (TRUST_PROXY)', function () {
  this.timeout(120_000);
  const settings = { SIGN_IN_MAX_FAILURES: '100', SIGN_IN_MAX_FAILURES_PER_ADDRESS: '3' };
  const failFrom = async (web: TestServer, forwardedFor: string, times: number) => {
    const statuses: number[] = [];
    for (let failure = 0; failure < times; failure += 1) statuses.push((await new WebClient(web.url, { 'x-forwarded-for': forwardedFor }).signIn({ email: `someone${failure}@example.org`, password: 'guess' })).status);
    return statuses;
  };

  it('with TRUST_PROXY=loopback, counts each client behind the proxy on its own', async () => {
    const web = await startTestServer({ ...settings, TRUST_PROXY: 'loopback' });
    try {
      expect(await failFrom(web, '203.0.113.1', 4)).to.deep.equal([400, 400, 400, 429]);
      expect(await failFrom(web, '203.0.113.2', 1), 'another client of the same proxy').to.deep.equal([400]);
    } finally {
      await web.stop();
    }
  });

  it('by default believes no X-Forwarded-For, so a client cannot pick its address', async () => {
    const web = await startTestServer(settings);
    try {
      expect(await failFrom(web, '203.0.113.1', 3)).to.deep.equal([400, 400, 400]);
      expect(await failFrom(web, '203.0.113.2', 1), 'the same socket address, whatever the header says').to.deep.equal([429]);
    } finally {
      await web.stop();
    }
  });
});
