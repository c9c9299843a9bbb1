import { TooManyRequestsError } from '../../assessments/errors.ts';
import type { Clock } from './clock.ts';

export interface WriteRateOptions {
  /** The most writes one user may make at once (the bucket's size). */
  burst: number;
  /** Writes given back per minute (the bucket's refill). */
  perMinute: number;
}

/** Buckets kept before full ones are forgotten (a full bucket is the same as none). */
const bucketsKept = 1000;

/**
 * Writes per user, as a token bucket per user id: each write (an API call other than GET, a web
 * form posted while signed in) takes a token, and tokens come back at `perMinute`; with none left
 * the write is refused with 429 and Retry-After, so one user cannot grow the database without
 * bound (issue 13, finding 7). Kept in memory, per instance: behind a load balancer each instance
 * allows its own rate.
 */
export class WriteRate {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly options: WriteRateOptions,
    private readonly clock: Clock,
  ) {}

  /** Takes one write from the user's bucket, or throws TooManyRequestsError saying when to try again. */
  take(userId: string): void {
    const now = this.clock.now().getTime();
    const bucket = this.refilled(this.buckets.get(userId), now);
    if (bucket.tokens < 1) {
      const seconds = Math.max(1, Math.ceil(((1 - bucket.tokens) * 60) / this.options.perMinute));
      this.buckets.set(userId, bucket);
      throw new TooManyRequestsError(`You have made more than ${this.options.burst} changes in a short time, which is more than anyone needs; nothing was changed. Try again in ${seconds} s.`, seconds);
    }
    this.buckets.set(userId, { tokens: bucket.tokens - 1, at: now });
    if (this.buckets.size > bucketsKept) this.forgetFull(now);
  }

  private refilled(bucket: { tokens: number; at: number } | undefined, now: number): { tokens: number; at: number } {
    if (bucket === undefined) return { tokens: this.options.burst, at: now };
    return { tokens: Math.min(this.options.burst, bucket.tokens + ((now - bucket.at) * this.options.perMinute) / 60_000), at: now };
  }

  private forgetFull(now: number): void {
    for (const [userId, bucket] of this.buckets) if (this.refilled(bucket, now).tokens >= this.options.burst) this.buckets.delete(userId);
  }
}
