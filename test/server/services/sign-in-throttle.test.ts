import { expect } from 'chai';
import { SignInThrottle } from '../../../server/services/sign-in-throttle.ts';
import { ManualClock, minutes } from '../../support/manual-clock.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('SignInThrottle (real FerretDB, a clock the test moves)', function () {
  this.timeout(120_000);
  let web: TestServer;
  let clock: ManualClock;
  let throttle: SignInThrottle;
  const later = (milliseconds: number) => clock.advance(milliseconds);

  before(async () => {
    web = await startTestServer();
  });
  after(() => web?.stop());
  beforeEach(async () => {
    await web.server.database.models.signInAttempts.deleteMany({});
    clock = new ManualClock('2025-06-02T09:00:00Z');
    throttle = new SignInThrottle(web.server.database.models, clock, { maxFailuresPerEmail: 3, maxFailuresPerAddress: 5, windowMs: minutes(15), lockoutMs: minutes(10) });
  });

  it('locks out at the limit within the window, for the lock-out time from the failure that reached it', async () => {
    expect(await throttle.recordFailure('a@example.org', '10.0.0.1')).to.equal(null);
    later(minutes(5));
    expect(await throttle.recordFailure('a@example.org', '10.0.0.2')).to.equal(null);
    later(minutes(5));
    const until = await throttle.recordFailure('A@Example.org ', '10.0.0.3');
    expect(until?.toISOString()).to.equal('2025-06-02T09:20:00.000Z');
    later(minutes(10) - 1);
    expect((await throttle.lockedUntil('a@example.org', '10.0.0.9'))?.toISOString()).to.equal('2025-06-02T09:20:00.000Z');
    later(1);
    expect(await throttle.lockedUntil('a@example.org', '10.0.0.9')).to.equal(null);
  });

  it('does not count failures older than the window', async () => {
    await throttle.recordFailure('b@example.org', '10.0.0.1');
    await throttle.recordFailure('b@example.org', '10.0.0.1');
    later(minutes(15) + 1);
    expect(await throttle.recordFailure('b@example.org', '10.0.0.1')).to.equal(null);
  });

  it('counts afresh after a lock-out ends: one more failure does not lock again at once', async () => {
    for (let failure = 0; failure < 3; failure += 1) await throttle.recordFailure('c@example.org', `10.0.1.${failure}`);
    later(minutes(10));
    expect(await throttle.lockedUntil('c@example.org', '10.0.2.1')).to.equal(null);
    expect(await throttle.recordFailure('c@example.org', '10.0.2.1')).to.equal(null);
  });

  it('locks out a network address that fails for many emails', async () => {
    for (let failure = 0; failure < 4; failure += 1) expect(await throttle.recordFailure(`person${failure}@example.org`, '192.0.2.7')).to.equal(null);
    expect(await throttle.recordFailure('person5@example.org', '192.0.2.7')).to.not.equal(null);
    expect(await throttle.lockedUntil('someone-else@example.org', '192.0.2.7')).to.not.equal(null);
    expect(await throttle.lockedUntil('someone-else@example.org', '192.0.2.8')).to.equal(null);
  });

  it('sweeps what no longer counts, keeping what does', async () => {
    for (let failure = 0; failure < 3; failure += 1) await throttle.recordFailure('d@example.org', '10.0.3.1');
    expect(await throttle.sweep()).to.equal(0);
    // Each is kept a window past its end: the lock-out (ends at 10 minutes) until 25, the failures (stop counting at 15) until 30.
    later(minutes(25) - 1);
    expect(await throttle.sweep()).to.equal(0);
    later(1);
    expect(await throttle.sweep()).to.equal(1);
    later(minutes(5));
    expect(await throttle.sweep(), 'three failures, each for the email and the address').to.equal(3 * 2);
    expect(await web.server.database.models.signInAttempts.countDocuments({})).to.equal(0);
  });
});
