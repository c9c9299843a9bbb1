import { expect } from 'chai';
import { SignInThrottle, type Attempt } from '../../../server/services/sign-in-throttle.ts';
import { ManualClock, minutes } from '../../support/manual-clock.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('SignInThrottle: growing delays (real FerretDB, a clock the test moves)', function () {
  this.timeout(120_000);
  let web: TestServer;
  let clock: ManualClock;
  let throttle: SignInThrottle;
  const later = (milliseconds: number) => clock.advance(milliseconds);
  const seconds = (count: number) => count * 1000;

  /** One attempt that fails if it may go: the seconds it was told to wait, or 0 when its password was checked. */
  async function fail(email: string, address: string): Promise<number> {
    const attempt = await throttle.begin(email, address);
    if (attempt.kind === 'wait') return attempt.seconds;
    await attempt.settle('failure');
    return 0;
  }

  before(async () => {
    web = await startTestServer();
  });
  after(() => web?.stop());
  beforeEach(async () => {
    await web.server.database.models.signInAttempts.deleteMany({});
    clock = new ManualClock('2025-06-02T09:00:00Z');
    throttle = new SignInThrottle(web.server.database.models, clock, { maxFailuresPerEmail: 3, maxFailuresPerAddress: 10, windowMs: minutes(15), maxDelayMs: seconds(30) });
  });

  it('lets the first failures through, then makes each next attempt wait 1, 2, 4… seconds after the last failure, up to the maximum', async () => {
    for (let failure = 0; failure < 3; failure += 1) expect(await fail('a@example.org', `10.0.0.${failure}`)).to.equal(0);
    const waits: number[] = [];
    for (const expected of [1, 2, 4, 8, 16, 30, 30]) {
      waits.push(await fail('a@example.org', '10.0.1.1'));
      later(seconds(expected) - 1);
      expect(await fail('A@Example.org ', '10.0.1.2'), 'a millisecond early').to.equal(1);
      later(1);
      expect(await fail('a@example.org', '10.0.1.3'), 'after the delay: checked').to.equal(0);
    }
    expect(waits).to.deep.equal([1, 2, 4, 8, 16, 30, 30]);
  });

  it('neither checks nor counts an attempt told to wait, so hammering does not lengthen the delay', async () => {
    for (let failure = 0; failure < 3; failure += 1) await fail('b@example.org', '10.0.0.1');
    for (let hammer = 0; hammer < 20; hammer += 1) expect(await fail('b@example.org', '10.0.0.2')).to.equal(1);
    later(seconds(1));
    const attempt = await throttle.begin('b@example.org', '10.0.0.3');
    expect(attempt.kind).to.equal('go');
  });

  it('lets the right password in after the delay, and clears that email’s failures (not the address’s)', async () => {
    for (let failure = 0; failure < 8; failure += 1) {
      await fail('c@example.org', '192.0.2.1');
      later(seconds(30));
    }
    const right = await throttle.begin('c@example.org', '192.0.2.9');
    expect(right.kind).to.equal('go');
    await (right as Extract<Attempt, { kind: 'go' }>).settle('success');
    expect(await fail('c@example.org', '192.0.2.9'), 'counting afresh').to.equal(0);
    expect(await web.server.database.models.signInAttempts.countDocuments({ key: 'address:192.0.2.1' })).to.equal(8);
  });

  it('does not count failures older than the window', async () => {
    for (let failure = 0; failure < 3; failure += 1) await fail('d@example.org', '10.0.0.1');
    later(minutes(15));
    expect(await fail('d@example.org', '10.0.0.1')).to.equal(0);
  });

  it('delays a network address that fails for many emails, and not another address', async () => {
    for (let failure = 0; failure < 10; failure += 1) expect(await fail(`person${failure}@example.org`, '192.0.2.7')).to.equal(0);
    expect(await fail('someone-else@example.org', '192.0.2.7')).to.equal(1);
    expect(await fail('someone-else@example.org', '192.0.2.8')).to.equal(0);
  });

  it('checks only as many of a burst sent at once as the limit allows, however many there are', async () => {
    const attempts = await Promise.all(Array.from({ length: 24 }, () => throttle.begin('e@example.org', '198.51.100.1')));
    expect(attempts.filter((attempt) => attempt.kind === 'go').length).to.be.within(1, 3);
    expect(await web.server.database.models.signInAttempts.countDocuments({ key: 'email:e@example.org' }), 'the waiting ones deleted their documents').to.be.at.most(3);
  });

  it('sweeps what no longer counts, keeping what does', async () => {
    for (let failure = 0; failure < 3; failure += 1) await fail('f@example.org', '10.0.3.1');
    expect(await throttle.sweep()).to.equal(0);
    later(minutes(15) - 1);
    expect(await throttle.sweep()).to.equal(0);
    later(1);
    expect(await throttle.sweep(), 'three failures, each for the email and the address').to.equal(3 * 2);
  });
});
