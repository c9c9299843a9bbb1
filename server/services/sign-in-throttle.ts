import { trusted, type Types } from 'mongoose';
import type { Models } from '../persistence/database.ts';
import type { Clock } from './clock.ts';

export interface ThrottleSettings {
  /** Failures for one email within the window before each further attempt must wait. */
  maxFailuresPerEmail: number;
  /** Higher than per email: many people of one organisation may sign in from one address. */
  maxFailuresPerAddress: number;
  windowMs: number;
  /** The longest wait: the waits double from one second up to this. */
  maxDelayMs: number;
}

/** Whether an attempt may check its password now (then settle it with the outcome), or must wait so many seconds. */
export type Attempt = { kind: 'go'; settle(outcome: 'success' | 'failure'): Promise<void> } | { kind: 'wait'; seconds: number };

const firstDelayMs = 1000;

/**
 * Slows password guessing with growing delays rather than lock-outs, so that failures made up by
 * someone else cannot keep a person out for long: once an email has failed `maxFailuresPerEmail`
 * times within the window (or an address `maxFailuresPerAddress` times), each further attempt must
 * come a delay after the last failure, 1 s, then 2, 4… up to `maxDelayMs`. An attempt made sooner is
 * answered "try again in N seconds" at once, without checking its password or counting; one made
 * after the delay with the right password signs in, and clears its email's failures.
 *
 * For several instances on one database without atomic counters (FerretDB has no atomic $inc):
 * every attempt is inserted, as a failure, *before* its password is checked, and counts every
 * other attempt it then finds, under way or not; so of a burst sent at once no more than the limit
 * are checked. An attempt told to wait, or that succeeds, deletes its own documents again.
 */
export class SignInThrottle {
  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
    private readonly settings: ThrottleSettings,
  ) {}

  async begin(email: string, address: string): Promise<Attempt> {
    const at = this.clock.now();
    const keys = keysOf(email, address);
    const until = new Date(at.getTime() + this.settings.windowMs);
    const mine = await this.models.signInAttempts.insertMany(keys.map(([key]) => ({ key, kind: 'failure', at, until })));
    const ids = mine.map((attempt) => attempt._id);
    const limits = { email: this.settings.maxFailuresPerEmail, address: this.settings.maxFailuresPerAddress };
    let waitMs = 0;
    for (const [index, [key, kind]] of keys.entries()) {
      const others = await this.otherFailures(key, at, ids[index]!);
      if (others.count >= limits[kind]) waitMs = Math.max(waitMs, others.last!.getTime() + this.delayMs(others.count - limits[kind]) - at.getTime());
    }
    if (waitMs > 0) {
      await this.models.signInAttempts.deleteMany({ _id: trusted({ $in: ids }) });
      return { kind: 'wait', seconds: Math.ceil(waitMs / 1000) };
    }
    return {
      kind: 'go',
      settle: async (outcome) => {
        if (outcome === 'failure') return;
        await this.models.signInAttempts.deleteMany({ key: keys[0]![0] });
        await this.models.signInAttempts.deleteMany({ _id: ids[1]! });
      },
    };
  }

  /** Deletes failures that no longer count (older than the window). */
  async sweep(): Promise<number> {
    const { deletedCount } = await this.models.signInAttempts.deleteMany({ until: trusted({ $lte: this.clock.now() }) });
    return deletedCount;
  }

  /**
   * The failures of a key within the window other than this attempt, and the time of the last:
   * every one present when this attempt reads, attempts under way included, so that of k attempts
   * racing the one inserted last sees the other k − 1, and no more than the limit can go.
   */
  private async otherFailures(key: string, at: Date, id: Types.ObjectId): Promise<{ count: number; last: Date | null }> {
    const within = await this.models.signInAttempts.find({ key, at: trusted({ $gt: new Date(at.getTime() - this.settings.windowMs) }) }, { at: 1 }).lean();
    const others = within.filter((attempt) => String(attempt._id) !== String(id));
    return { count: others.length, last: others.reduce<Date | null>((latest, attempt) => (latest === null || attempt.at > latest ? attempt.at : latest), null) };
  }

  /** The wait after the n-th failure beyond the limit (n from 0): 1 s, 2 s, 4 s… up to the maximum. */
  private delayMs(beyond: number): number {
    return Math.min(this.settings.maxDelayMs, firstDelayMs * 2 ** Math.min(beyond, 30));
  }
}

function keysOf(email: string, address: string): Array<[string, 'email' | 'address']> {
  return [
    [`email:${email.trim().toLowerCase()}`, 'email'],
    [`address:${address}`, 'address'],
  ];
}
