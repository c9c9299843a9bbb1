import { z } from 'zod';

/** A panel member's disagreement with a moderated score: why, in at least 20 characters. */
export const dissentWrite = z.strictObject({ rationale: z.string().trim().min(20, 'Explain why you disagree in at least 20 characters').max(5000) });
