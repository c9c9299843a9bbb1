/**
 * A period is a financial year (`2025/26`: 1 April 2025 to 31 March 2026). Dates here are ISO
 * calendar days (`2026-04-01`), which order as strings; so do periods, and periods are ordered by
 * their text, never by when anything was recorded.
 */

/** The first day of a period. */
export function periodStart(period: string): string {
  return `${period.slice(0, 4)}-04-01`;
}

/** The first day after a period (the next period's first day). */
export function periodEnd(period: string): string {
  return `${Number(period.slice(0, 4)) + 1}-04-01`;
}

/** The period a calendar day (or instant, in UTC) falls in. */
export function periodOf(day: string | Date): string {
  const iso = typeof day === 'string' ? day : day.toISOString().slice(0, 10);
  const year = Number(iso.slice(0, 4));
  const start = iso.slice(5) >= '04-01' ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The period before this one. */
export function previousPeriod(period: string): string {
  return periodOf(`${Number(period.slice(0, 4)) - 1}-04-01`);
}

/** A day as people read it: `1 April 2026`. */
export function dayInWords(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
