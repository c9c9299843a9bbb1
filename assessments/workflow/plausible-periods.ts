/**
 * The periods an assessment may be made for: from 2022/23, the first financial year of integrated
 * care boards (statutory from 1 July 2022), to the year after the current one by the clock, so that
 * next year's can be started early. Anything else (1100/01, 2365/66) is a typing slip or abuse.
 */
export const firstPeriodYear = 2022;

/** The year a period starts in, by the clock: a financial year starts on 1 April. */
export function currentPeriodYear(now: Date): number {
  return now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
}

/** A period written as the product writes it: 2025/26. */
export function periodStarting(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

/** Every plausible period, newest first. */
export function plausiblePeriods(now: Date): string[] {
  const periods: string[] = [];
  for (let year = currentPeriodYear(now) + 1; year >= firstPeriodYear; year -= 1) periods.push(periodStarting(year));
  return periods;
}

/** Why a period (already well formed) cannot be assessed, or null when it can. */
export function implausiblePeriod(period: string, now: Date): string | null {
  const year = Number(period.slice(0, 4));
  const last = currentPeriodYear(now) + 1;
  if (year >= firstPeriodYear && year <= last) return null;
  return `Choose a period from ${periodStarting(firstPeriodYear)} (integrated care boards began on 1 July 2022) to ${periodStarting(last)}`;
}
