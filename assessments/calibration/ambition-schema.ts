import { z } from 'zod';
import { isoDate } from '../evidence/sourced.ts';

const text = (max: number, what: string) => z.string({ error: `Enter the ${what}` }).trim().min(1, `Enter the ${what}`).max(max, `Keep the ${what} to ${max} characters or fewer`);
const number = (what: string) => z.number({ error: `Enter the ${what} as a number` }).finite();

/** One of the system's own priorities with its outcome metric (¶3.121), as a person enters it. */
export const ambition = z
  .strictObject({
    title: text(200, 'priority').describe('Priority'),
    metric: text(300, 'outcome metric').describe('Outcome metric: what is measured, for example “Emergency admissions after a fall, per 100,000 people aged 65 and over”'),
    baseline: number('baseline').describe('Baseline value'),
    baselineDate: isoDate.describe('Date of the baseline value'),
    target: number('target').describe('Target value'),
    targetDate: isoDate.describe('Date the target is to be reached by'),
    latest: number('latest value').nullable().describe('Latest value: leave empty if there is none yet since the baseline'),
    latestDate: isoDate.nullable().describe('Date of the latest value'),
    direction: z.enum(['higher-is-better', 'lower-is-better'], { error: 'Say whether higher or lower is better' }).describe('Is a higher or a lower value better?'),
  })
  .superRefine((given, context) => {
    if (given.targetDate < given.baselineDate) context.addIssue({ code: 'custom', path: ['targetDate'], message: 'The target date must be on or after the baseline date' });
    if ((given.latest === null) !== (given.latestDate === null)) context.addIssue({ code: 'custom', path: ['latestDate'], message: 'Give the latest value and its date together, or neither' });
    if (given.latestDate !== null && given.latestDate < given.baselineDate) context.addIssue({ code: 'custom', path: ['latestDate'], message: 'The latest value cannot be from before the baseline' });
  });

/** A system's own ambitions for an assessment: at most 20 priorities (¶3.31 asks for few). */
export const ambitions = z.array(ambition).max(20, 'Record at most 20 priorities');
