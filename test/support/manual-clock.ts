import type { Clock } from '../../server/services/clock.ts';

export const minutes = (count: number) => count * 60_000;

/** A clock the test moves by hand, for timeouts and windows measured without waiting. */
export class ManualClock implements Clock {
  private current: Date;

  constructor(start: string) {
    this.current = new Date(start);
  }

  now(): Date {
    return this.current;
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}
