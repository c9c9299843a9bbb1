import { trusted } from 'mongoose';
import type { Models } from '../persistence/database.ts';
import type { Clock } from './clock.ts';

export interface ThrottleSettings {
  maxFailuresPerEmail: number;
  /** Higher than per email: many people of one organisation may sign in from one address. */
  maxFailuresPerAddress: number;
  windowMs: number;
  lockoutMs: number;
}

/**
 * Slows down password guessing: when the failed sign-ins for one email, or from one network
 * address, reach the limit within the window (counting only those since its last lock-out), that
 * email or address is locked out for a while, whatever password is tried. Failures and lock-outs
 * are inserted, never updated, since FerretDB does not apply $inc or conditional updates atomically;
 * attempts racing in one burst may each be checked before the lock-out is written, then it holds.
 */
export class SignInThrottle {
  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
    private readonly settings: ThrottleSettings,
  ) {}

  /** Until when this email or address is locked out, or null when it is not. */
  async lockedUntil(email: string, address: string): Promise<Date | null> {
    const lockouts = await this.models.signInAttempts.find({ key: trusted({ $in: keysOf(email, address).map(([key]) => key) }), kind: 'lockout', until: trusted({ $gt: this.clock.now() }) }, { until: 1 }).lean();
    return lockouts.reduce<Date | null>((latest, lockout) => (latest === null || lockout.until > latest ? lockout.until : latest), null);
  }

  /** Records a failed sign-in; returns until when the email or address is now locked out, or null. */
  async recordFailure(email: string, address: string): Promise<Date | null> {
    const at = this.clock.now();
    const limits = { email: this.settings.maxFailuresPerEmail, address: this.settings.maxFailuresPerAddress };
    for (const [key, kind] of keysOf(email, address)) {
      await this.models.signInAttempts.create({ key, kind: 'failure', at, until: new Date(at.getTime() + this.settings.windowMs) });
      const lastLockout = await this.models.signInAttempts.findOne({ key, kind: 'lockout' }, { at: 1 }).sort({ at: -1 }).lean();
      const since = Math.max(at.getTime() - this.settings.windowMs, lastLockout?.at.getTime() ?? 0);
      const failures = await this.models.signInAttempts.countDocuments({ key, kind: 'failure', at: trusted({ $gt: new Date(since) }) });
      if (failures >= limits[kind]) await this.models.signInAttempts.create({ key, kind: 'lockout', at, until: new Date(at.getTime() + this.settings.lockoutMs) });
    }
    return this.lockedUntil(email, address);
  }

  /** Deletes what no longer counts: kept a window beyond its end, so a lock-out still marks where counting restarts. */
  async sweep(): Promise<number> {
    const { deletedCount } = await this.models.signInAttempts.deleteMany({ until: trusted({ $lte: new Date(this.clock.now().getTime() - this.settings.windowMs) }) });
    return deletedCount;
  }
}

function keysOf(email: string, address: string): Array<[string, 'email' | 'address']> {
  return [
    [`email:${email.trim().toLowerCase()}`, 'email'],
    [`address:${address}`, 'address'],
  ];
}
