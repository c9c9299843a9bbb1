import { z } from 'zod';
import { ambitions } from '../../../assessments/calibration/ambition-schema.ts';
import type { Route } from '../route.ts';
import { agreedResult, assessmentParams, criterionRecord, problem } from '../schemas.ts';

const basedOnVersion = z.number().int().min(0).max(1_000_000);

export const improvementRoutes: Route[] = [
  {
    method: 'get',
    path: '/api/v1/assessments/:id/improvement',
    summary: 'What would move the system up (¶3.123): path to the next rating with the thresholds to meet, good practice from systems scoring 4 that share, own ambitions (¶3.121), prevention trajectory (¶2.19–2.20)',
    tag: 'Improvement',
    access: { kind: 'assessment', action: 'read' },
    params: assessmentParams,
    responses: { 200: { description: 'The improvement view', schema: z.looseObject({ agreed: agreedResult, path: z.looseObject({ status: z.string() }), goodPractice: z.array(z.unknown()), ambitions: z.array(z.unknown()), prevention: z.unknown() }) }, 404: { description: 'No such assessment (or not yours)', schema: problem } },
    handle: async ({ params, principal, services }) => ({ status: 200, body: await services.improvement.improvement(params.id, principal!) }),
  },
  {
    method: 'put',
    path: '/api/v1/assessments/:id/ambitions',
    summary: "Record the system's own priorities with their outcome metrics, baselines and targets (¶3.121)",
    tag: 'Improvement',
    access: { kind: 'assessment', action: 'write-own-ambitions' },
    params: assessmentParams,
    body: z.strictObject({ basedOnVersion, ambitions }),
    responses: { 200: { description: 'The saved version', schema: criterionRecord }, 409: { description: 'Based on an old version, or the assessment is published (frozen)', schema: problem } },
    handle: async ({ params, body, principal, services }) => ({ status: 200, body: await services.improvement.saveAmbitions(params.id, body.basedOnVersion, body.ambitions, principal!) }),
  },
  {
    method: 'put',
    path: '/api/v1/assessments/:id/sharing',
    summary: 'Agree (or not) to share this system’s practice with systems scoring lower (¶3.123)',
    tag: 'Improvement',
    access: { kind: 'assessment', action: 'write-own-ambitions' },
    params: assessmentParams,
    body: z.strictObject({ basedOnVersion, shareGoodPractice: z.boolean() }),
    responses: { 200: { description: 'The saved version', schema: criterionRecord }, 409: { description: 'Based on an old version, or the assessment is published (frozen)', schema: problem } },
    handle: async ({ params, body, principal, services }) => ({ status: 200, body: await services.improvement.saveSharing(params.id, body.basedOnVersion, body.shareGoodPractice, principal!) }),
  },
];
