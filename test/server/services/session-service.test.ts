import { expect } from 'chai';
import { SessionService } from '../../../server/services/session-service.ts';
import { ManualClock, minutes } from '../../support/manual-clock.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('SessionService timeouts (real FerretDB, a clock the test moves)', function () {
  this.timeout(120_000);
  let web: TestServer;
  let clock: ManualClock;
  let sessions: SessionService;
  const later = (milliseconds: number) => clock.advance(milliseconds);

  before(async () => {
    web = await startTestServer();
  });
  after(() => web?.stop());
  beforeEach(() => {
    clock = new ManualClock('2025-06-02T09:00:00Z');
    sessions = new SessionService(web.server.database.models, clock, { idleMs: minutes(30), absoluteMs: minutes(12 * 60) });
  });

  it('ends a session left unused for the idle timeout', async () => {
    const cookie = await sessions.start(web.admin.userId);
    later(minutes(30) - 1);
    expect(await sessions.find(cookie)).to.include.keys('principal', 'csrfToken');
    later(minutes(30));
    expect(await sessions.find(cookie)).to.equal(null);
  });

  it('keeps a session in use alive, until the absolute timeout', async () => {
    const cookie = await sessions.start(web.admin.userId);
    for (let step = 0; step < (12 * 60) / 20 - 1; step += 1) {
      later(minutes(20));
      expect(await sessions.find(cookie), `at ${clock.now().toISOString()}`).to.not.equal(null);
    }
    later(minutes(20));
    expect(await sessions.find(cookie), '12 hours after sign-in').to.equal(null);
  });

  it('names the signed-in user as the principal, as an API token would', async () => {
    const cookie = await sessions.start(web.admin.userId);
    expect((await sessions.find(cookie))?.principal).to.deep.equal({ userId: web.admin.userId, name: 'Administrator', role: 'admin', system: null });
  });

  it('finds nothing for a malformed or unknown cookie', async () => {
    for (const cookie of ['', 'short', 'x'.repeat(43), '../../etc/passwd'.padEnd(43, 'a')]) expect(await sessions.find(cookie), cookie).to.equal(null);
  });
});
