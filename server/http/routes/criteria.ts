import { z } from 'zod';
import { criterionEvidence } from '../../../assessments/evidence/registry.ts';
import { evidenceJsonSchema } from '../../../assessments/evidence/json-schema.ts';
import { NotFoundError } from '../../../assessments/errors.ts';
import type { Route } from '../route.ts';
import { dissentWrite } from './dissent-write.ts';
import { criterionIdParams, criterionParams, criterionRecord, criterionState, evidenceWrite, judgementWrite, moderationParams, moderationWrite, perspectiveParams, problem, scoreResult } from '../schemas.ts';

const versioned = (record: { version: number }) => ({ ETag: `"${record.version}"` });

export const criterionRoutes: Route[] = [
  {
    method: 'get',
    path: '/api/v1/criteria/:criterion/schema',
    summary: "JSON Schema of a criterion's evidence",
    tag: 'Criteria',
    access: { kind: 'public' },
    params: criterionIdParams,
    responses: { 200: { description: 'JSON Schema (draft 2020-12)', schema: z.record(z.string(), z.unknown()) }, 404: { description: 'No such criterion', schema: problem } },
    handle: async ({ params }) => {
      if (criterionEvidence[params.criterion] === undefined) throw new NotFoundError(`There is no criterion ${params.criterion}`);
      return { status: 200, body: evidenceJsonSchema(params.criterion) };
    },
  },
  {
    method: 'get',
    path: '/api/v1/assessments/:id/perspectives/:perspective/criteria/:criterion',
    summary: "A criterion as it stands in one perspective: latest evidence with the rules' proposal, judgement, moderation",
    tag: 'Evidence and judgement',
    access: { kind: 'assessment', action: 'read' },
    params: criterionParams,
    responses: { 200: { description: 'The criterion', schema: criterionState }, 404: { description: 'No such assessment or criterion', schema: problem } },
    handle: async ({ params, principal, services }) => ({ status: 200, body: await services.criteria.state(params.id, params.perspective, params.criterion, principal!) }),
  },
  {
    method: 'put',
    path: '/api/v1/assessments/:id/perspectives/:perspective/criteria/:criterion/evidence',
    summary: "Save a new version of a perspective's evidence for a criterion (validated; every version kept)",
    tag: 'Evidence and judgement',
    access: { kind: 'assessment', action: 'write-perspective' },
    params: criterionParams,
    body: evidenceWrite,
    responses: {
      200: { description: 'The saved version, with what the rules propose', schema: criterionRecord },
      400: { description: 'Invalid evidence: every field error', schema: problem },
      409: { description: 'Based on an old version, or the perspective is closed', schema: problem },
    },
    handle: async ({ params, body, principal, services }) => {
      const saved = await services.criteria.saveEvidence(params.id, params.perspective, params.criterion, body.basedOnVersion, body.evidence, principal!);
      return { status: 200, body: saved, headers: versioned(saved) };
    },
  },
  {
    method: 'get',
    path: '/api/v1/assessments/:id/perspectives/:perspective/criteria/:criterion/evidence/versions',
    summary: 'Every saved version of the evidence, with who and when',
    tag: 'Evidence and judgement',
    access: { kind: 'assessment', action: 'read' },
    params: criterionParams,
    responses: { 200: { description: 'The versions, oldest first', schema: z.array(criterionRecord) } },
    handle: async ({ params, principal, services }) => ({ status: 200, body: await services.criteria.history(params.id, params.perspective, params.criterion, 'evidence', principal!) }),
  },
  {
    method: 'put',
    path: '/api/v1/assessments/:id/perspectives/:perspective/criteria/:criterion/judgement',
    summary: 'Accept the proposed score, or override it with a score and a rationale (¶3.121)',
    tag: 'Evidence and judgement',
    access: { kind: 'assessment', action: 'write-perspective' },
    params: criterionParams,
    body: judgementWrite,
    responses: { 200: { description: 'The saved judgement', schema: criterionRecord }, 400: { description: 'Invalid judgement', schema: problem }, 409: { description: 'Based on an old version', schema: problem } },
    handle: async ({ params, body, principal, services }) => {
      const saved = await services.criteria.saveJudgement(params.id, params.perspective, params.criterion, body.basedOnVersion, body.judgement, principal!);
      return { status: 200, body: saved, headers: versioned(saved) };
    },
  },
  {
    method: 'put',
    path: '/api/v1/assessments/:id/criteria/:criterion/moderation',
    summary: "Record the panel's moderated score for a criterion, with its rationale",
    tag: 'Moderation',
    access: { kind: 'assessment', action: 'moderate' },
    params: moderationParams,
    body: moderationWrite,
    responses: { 200: { description: 'The saved moderation', schema: criterionRecord }, 409: { description: 'Based on an old version, or not in review', schema: problem } },
    handle: async ({ params, body, principal, services }) => {
      const saved = await services.criteria.saveModeration(params.id, params.criterion, body.basedOnVersion, { outcome: body.outcome, rationale: body.rationale }, principal!);
      return { status: 200, body: saved, headers: versioned(saved) };
    },
  },
  {
    method: 'post',
    path: '/api/v1/assessments/:id/criteria/:criterion/dissent',
    summary: "Record a panel member's disagreement with a criterion's moderated score, with the rationale; it is kept and shown in the report's appendix",
    tag: 'Moderation',
    access: { kind: 'assessment', action: 'moderate' },
    params: moderationParams,
    body: dissentWrite,
    responses: { 201: { description: 'The recorded dissent', schema: criterionRecord }, 400: { description: 'No rationale, or too short', schema: problem }, 409: { description: 'Not in review, or no moderated score yet', schema: problem } },
    handle: async ({ params, body, principal, services }) => ({ status: 201, body: await services.criteria.saveDissent(params.id, params.criterion, body.rationale, principal!) }),
  },
  {
    method: 'get',
    path: '/api/v1/assessments/:id/perspectives/:perspective/score',
    summary: 'Score a perspective with the pinned rule pack: findings, proposals, judgements, rating and trace',
    tag: 'Scoring',
    access: { kind: 'assessment', action: 'read' },
    params: perspectiveParams,
    responses: { 200: { description: 'The full result', schema: scoreResult } },
    handle: async ({ params, principal, services }) => ({ status: 200, body: await services.criteria.score(params.id, params.perspective, principal!) }),
  },
];
