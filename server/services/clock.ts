/** The time, asked for through a port so that services can be tested at a known moment. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
