import { z } from 'zod';
import { ValidationError, issuesOf } from '../errors.ts';
import { gateStatus } from '../rule-pack/pack-schema.ts';

const rationale = z
  .string({ error: 'Give the reason for your judgement' })
  .trim()
  .min(20, 'Explain the judgement in at least 20 characters: what in the evidence supports a different score (¶3.121)')
  .max(5000, 'Keep the rationale to 5,000 characters or fewer');

/**
 * A person's judgement of what the rules proposed for one criterion (¶3.121: professional
 * judgement, not a tick-box): accept it, or record another score with a mandatory rationale.
 */
export const judgement = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('accept'), rationale: rationale.optional() }),
  z.strictObject({ decision: z.literal('override'), score: z.number().int().min(1).max(4), rationale }),
  z.strictObject({ decision: z.literal('override-gate'), status: gateStatus, rationale }),
], { error: 'Choose accept or override' });

export type Judgement = z.infer<typeof judgement>;

export const judgements = z.record(z.string().regex(/^[a-z0-9-]+$/, 'Use a criterion id such as hosc-effectiveness'), judgement);

export function parseJudgements(input: unknown): Record<string, Judgement> {
  const parsed = judgements.safeParse(input);
  if (!parsed.success) throw new ValidationError('The judgements are not valid', issuesOf(parsed.error).map((issue) => ({ ...issue, path: issue.path === '' ? 'judgements' : `judgements.${issue.path}` })));
  return parsed.data;
}
