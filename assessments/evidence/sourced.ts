import { z } from 'zod';

/** A calendar date written as YYYY-MM-DD that is also a real date (no 2025-02-30). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD, for example 2025-03-31')
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
  }, 'Enter a real date, for example 2025-03-31');

/** Where a piece of evidence came from: a document, dataset or meeting, in words a reader can find. */
export const evidenceSource = z
  .string()
  .trim()
  .min(1, 'Say where this evidence comes from, for example "ICB board papers, 12 March 2025"')
  .max(300, 'Keep the source to 300 characters or fewer');

/**
 * Every item of evidence carries its value, its source and the date it was true on.
 * The value schema describes the indicator itself; its `.describe()` text is the form hint.
 */
export function sourced<T extends z.ZodType>(value: T) {
  return z.strictObject({ value, source: evidenceSource, asAt: isoDate });
}

export type Sourced<T> = { value: T; source: string; asAt: string };

/** A narrative statement people judge (never scored by the rules). */
export const narrative = sourced(
  z.string().trim().min(1, 'Write the narrative, or leave the whole item out').max(20000, 'Keep the narrative to 20,000 characters or fewer'),
).describe('What the evidence shows, in the system’s own words');

export const wholeNumber = (max: number) =>
  z.number({ error: 'Enter a number' }).int('Enter a whole number').min(0, 'Enter 0 or more').max(max, `Enter ${max.toLocaleString('en-GB')} or fewer`);

export const percentage = () =>
  z.number({ error: 'Enter a number' }).min(0, 'Enter a percentage from 0 to 100').max(100, 'Enter a percentage from 0 to 100');

export const yesNo = () => z.boolean({ error: 'Choose yes or no' });
