import { expect } from 'chai';
import { loadConfig } from '../../server/config.ts';

describe('TRUST_PROXY: express’s trust proxy, from the environment', () => {
  it('is off by default, and reads true, false, a hop count, or addresses and subnets', () => {
    expect(loadConfig({}).trustProxy).to.equal(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).to.equal(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).to.equal(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).to.equal(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8' }).trustProxy).to.equal('loopback, 10.0.0.0/8, fd00::/8');
  });

  it('refuses anything else at start, with the variable named', () => {
    for (const value of ['', '<script>', 'x'.repeat(501)]) expect(() => loadConfig({ TRUST_PROXY: value }), JSON.stringify(value)).to.throw(/TRUST_PROXY/);
  });

  it('replaced the lock-out time with the longest sign-in delay', () => {
    expect(loadConfig({}).signIn).to.deep.equal({ maxFailuresPerEmail: 5, maxFailuresPerAddress: 50, windowMs: 15 * 60_000, maxDelayMs: 60_000 });
    expect(loadConfig({ SIGN_IN_MAX_DELAY_SECONDS: '5' }).signIn.maxDelayMs).to.equal(5000);
  });
});
