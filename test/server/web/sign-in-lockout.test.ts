import { expect } from 'chai';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { WebClient } from '../../support/web-client.ts';

describe('Web pages: sign-in lock-out after repeated failures', function () {
  this.timeout(120_000);
  let web: TestServer;
  before(async () => {
    web = await startTestServer();
  });
  after(() => web?.stop());

  const attempt = (email: string, password: string) => new WebClient(web.url).signIn({ email, password });

  it('locks an email out after 5 failures in 15 minutes, says when to try again, and refuses even the right password meanwhile', async () => {
    const account = await web.account('assessor');
    for (let failure = 1; failure <= 4; failure += 1) {
      const answer = await attempt(account.email, `wrong password ${failure}`);
      expect(answer.status, `failure ${failure}`).to.equal(400);
      expect(answer.html).to.contain('The email address or the password is not right');
    }
    const fifth = await attempt(account.email, 'wrong password 5');
    expect(fifth.status).to.equal(429);
    expect(fifth.html).to.match(/Too many attempts to sign in have failed, so signing in is paused\. Try again after \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}\./);
    expect(fifth.html).to.contain('<title>Error: Sign in – ICS maturity assessment</title>');
    const right = await attempt(account.email, account.password);
    expect(right.status).to.equal(429);
    expect(right.headers.getSetCookie().some((line) => line.startsWith('__Host-ics-session='))).to.equal(false);
  });

  it('locks out an unknown email the same way, so a lock-out does not tell whether an account exists', async () => {
    for (let failure = 1; failure <= 4; failure += 1) expect((await attempt('nobody@example.org', 'guess')).status).to.equal(400);
    expect((await attempt('nobody@example.org', 'guess')).status).to.equal(429);
  });

  it('does not lock out other emails', async () => {
    expect((await attempt(web.admin.email, web.admin.password)).status).to.equal(303);
  });

  it('records failures as inserted documents, never the password tried', async () => {
    const stored = await web.server.database.models.signInAttempts.find({}).lean();
    expect(stored.filter((entry) => entry.kind === 'failure').length).to.be.at.least(10);
    expect(JSON.stringify(stored)).to.not.contain('wrong password').and.not.contain('guess');
  });
});
