import { periodEnd, periodStart } from './period-dates.ts';

/** When a system existed: from its first day, until the day it ceased (exclusive), or null while it goes on. */
export interface InForce {
  inForceFrom: string;
  inForceUntil: string | null;
}

/** The day ICBs were established (Health and Care Act 2022), the start of the first map. */
export const icbsEstablished = '2022-07-01';

/** Whether the system was in force for any part of the period. */
export function inForceDuring(system: InForce, period: string): boolean {
  return system.inForceFrom < periodEnd(period) && (system.inForceUntil === null || system.inForceUntil > periodStart(period));
}

/** Whether the system had ended before the period began. */
export function endedBefore(system: InForce, period: string): boolean {
  return system.inForceUntil !== null && system.inForceUntil <= periodStart(period);
}
