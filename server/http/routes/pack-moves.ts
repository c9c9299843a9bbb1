import { z } from 'zod';
import { perspectives } from '../../../assessments/evidence/perspective-evidence.ts';
import { gateStatus } from '../../../assessments/rule-pack/pack-schema.ts';
import type { Route } from '../route.ts';
import { assessment, assessmentParams, problem } from '../schemas.ts';

const packIdentity = z.object({ id: z.string(), version: z.string(), hash: z.string() });
const outcome = z.union([z.object({ score: z.number().int() }), z.object({ status: gateStatus })]).nullable();
const change = <T extends z.ZodType>(value: T) => z.object({ from: value, to: value });
const ratingSummary = z.object({ label: z.string().nullable(), percentage: z.number().nullable(), provisional: z.boolean() });
const packChoice = z
  .object({
    pinned: packIdentity,
    newer: z.array(packIdentity),
    version: z.number().int().describe('The version of the assessment’s rule pack record series (0 before any move): send it back to move'),
    preview: z
      .object({
        from: packIdentity,
        to: packIdentity,
        criteria: z.array(
          z.object({
            criterion: z.string(),
            title: z.string(),
            perspectives: z.array(z.object({ perspective: z.enum(perspectives), proposed: change(outcome), result: change(outcome), rescored: z.boolean(), judgementSetAside: z.boolean() })),
            agreed: change(outcome),
            changed: z.boolean(),
          }),
        ),
        ratings: z.array(z.object({ perspective: z.enum(perspectives), rating: change(ratingSummary) })),
        agreedRating: change(ratingSummary),
        indicativePerspective: z.enum(perspectives).nullable(),
      })
      .nullable()
      .describe('What moving to the chosen (or newest) newer version would change; null when none is loaded'),
  })
  .meta({ id: 'PackChoice' });
const packVersion = z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'Give a version such as 1.1.0').max(50);
const packMove = z.strictObject({ to: packVersion, version: z.number().int().min(0).max(1_000_000).describe('The pack record version the preview showed (optimistic concurrency)') });

/** Moving an assessment to a newer version of its rule pack: the preview, then the explicit move. */
export const packMoveRoutes: Route[] = [
  {
    method: 'get',
    path: '/api/v1/assessments/:id/pack',
    summary: 'The rule pack the assessment is pinned to, the newer versions loaded, and what moving to one would change per criterion and overall',
    tag: 'Assessments',
    access: { kind: 'assessment', action: 'move-pack' },
    params: assessmentParams,
    query: z.strictObject({ to: packVersion.optional() }),
    responses: { 200: { description: 'The pin and the preview', schema: packChoice }, 403: { description: 'Only assessors and administrators move assessments between pack versions', schema: problem }, 404: { description: 'No such assessment (or not yours)', schema: problem } },
    handle: async ({ params, query, principal, services }) => ({ status: 200, body: await services.packMoves.choice(params.id, query.to, principal!) }),
  },
  {
    method: 'post',
    path: '/api/v1/assessments/:id/pack',
    summary: 'Move the assessment to a newer version of its rule pack, re-scoring its evidence; recorded in the audit trail',
    tag: 'Assessments',
    access: { kind: 'assessment', action: 'move-pack' },
    params: assessmentParams,
    body: packMove,
    responses: {
      200: { description: 'The assessment, pinned to the newer version', schema: assessment },
      403: { description: 'Only assessors and administrators move assessments between pack versions', schema: problem },
      404: { description: 'No such assessment (or not yours)', schema: problem },
      409: { description: 'Moved by someone else since the version given, or the assessment is published', schema: problem },
      400: { description: 'Not a newer version of the pack loaded here', schema: problem },
    },
    handle: async ({ params, body, principal, services }) => {
      const moved = await services.packMoves.move(params.id, body, principal!);
      return { status: 200, body: moved, headers: { ETag: `"${moved.version}"` } };
    },
  },
];
