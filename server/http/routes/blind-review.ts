import { z } from 'zod';
import { blindPerspectives } from '../../../assessments/workflow/blind-review.ts';
import type { Route } from '../route.ts';
import { actor, assessmentParams, problem } from '../schemas.ts';

const instant = z.string().describe('An ISO 8601 timestamp');
const blindReview = z
  .object({
    submitted: z.array(z.object({ perspective: z.enum(blindPerspectives), by: actor, at: instant })),
    revealed: z.object({ by: actor, at: instant, reason: z.string().nullable().describe('null when both reviews were submitted; the reason when an assessor revealed the scores early') }).nullable(),
    blind: z.boolean().describe('While true, a peer reviewer does not see the assessor’s scores, nor an assessor the peer’s'),
  })
  .meta({ id: 'BlindReview' });
const revealWrite = z.strictObject({ reason: z.string().trim().min(20, 'Explain in at least 20 characters why the scores are revealed before both reviews are submitted').max(2000) });

export const blindReviewRoutes: Route[] = [
  {
    method: 'get',
    path: '/api/v1/assessments/:id/review',
    summary: 'Where the blind review stands: which reviews are submitted, and whether and when the scores were revealed',
    tag: 'Blind review',
    access: { kind: 'assessment', action: 'read' },
    params: assessmentParams,
    responses: { 200: { description: 'The blind review', schema: blindReview }, 404: { description: 'No such assessment (or not yours)', schema: problem } },
    handle: async ({ params, principal, services }) => ({ status: 200, body: await services.review.review(params.id, principal!) }),
  },
  {
    method: 'post',
    path: '/api/v1/assessments/:id/perspectives/:perspective/submission',
    summary: 'Submit a peer or assessor review: it can no longer change; when both are submitted the scores are revealed and moderation opens',
    tag: 'Blind review',
    access: { kind: 'assessment', action: 'write-perspective' },
    params: assessmentParams.extend({ perspective: z.enum(blindPerspectives, { error: 'Only peer and assessor reviews are submitted here' }) }),
    responses: {
      200: { description: 'The blind review after the submission', schema: blindReview },
      404: { description: 'No such assessment (or not yours), or not a review (the self-assessment is submitted by moving the assessment to submitted)', schema: problem },
      409: { description: 'Already submitted, already revealed, or the assessment is not submitted or in review', schema: problem },
    },
    handle: async ({ params, principal, services }) => ({ status: 200, body: await services.review.submit(params.id, params.perspective, principal!) }),
  },
  {
    method: 'post',
    path: '/api/v1/assessments/:id/reveal',
    summary: 'Close the blind phase before both reviews are submitted (assessors), with the reason, which is kept',
    tag: 'Blind review',
    access: { kind: 'assessment', action: 'moderate' },
    params: assessmentParams,
    body: revealWrite,
    responses: { 200: { description: 'The blind review, revealed', schema: blindReview }, 400: { description: 'No reason, or too short', schema: problem }, 409: { description: 'Already revealed, or not submitted or in review', schema: problem } },
    handle: async ({ params, body, principal, services }) => ({ status: 200, body: await services.review.reveal(params.id, body.reason, principal!) }),
  },
];
