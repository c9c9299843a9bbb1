import { z } from 'zod';
import type { Route } from '../route.ts';
import { agreedResult } from '../../services/agreed-result.ts';
import { agreedResult as agreedResultSchema, assessment, assessmentFilter, assessmentPage, assessmentParams, auditEntry, newAssessment, problem, statusChange } from '../schemas.ts';

export const assessmentRoutes: Route[] = [
  {
    method: 'get',
    path: '/api/v1/assessments',
    summary: 'List the assessments the caller may see, filtered and paginated',
    tag: 'Assessments',
    access: { kind: 'signed-in' },
    query: assessmentFilter,
    responses: { 200: { description: 'A page of assessments', schema: assessmentPage } },
    handle: async ({ query, principal, services }) => {
      const { page, pageSize, ...filter } = query;
      return { status: 200, body: await services.assessments.list(filter, { page, pageSize }, principal!) };
    },
  },
  {
    method: 'post',
    path: '/api/v1/assessments',
    summary: 'Start an assessment of a system for a period; it pins the current rule pack',
    tag: 'Assessments',
    access: { kind: 'signed-in' },
    body: newAssessment,
    responses: { 201: { description: 'The new assessment', schema: assessment }, 403: { description: 'Your role may not start assessments', schema: problem }, 404: { description: 'No such system (or not yours)', schema: problem }, 409: { description: 'One already exists for that system, period and pack, or the system is retired', schema: problem } },
    handle: async ({ body, principal, services }) => {
      const created = await services.assessments.create(body, principal!);
      return { status: 201, body: created, headers: { Location: `/api/v1/assessments/${created.id}`, ETag: `"${created.version}"` } };
    },
  },
  {
    method: 'get',
    path: '/api/v1/assessments/:id',
    summary: 'One assessment',
    tag: 'Assessments',
    access: { kind: 'assessment', action: 'read' },
    params: assessmentParams,
    responses: { 200: { description: 'The assessment', schema: assessment }, 404: { description: 'No such assessment (or not yours)', schema: problem } },
    handle: async ({ params, principal, services }) => {
      const found = await services.assessments.get(params.id, principal!);
      return { status: 200, body: found, headers: { ETag: `"${found.version}"` } };
    },
  },
  {
    method: 'post',
    path: '/api/v1/assessments/:id/status',
    summary: 'Move an assessment to its next status (draft → submitted → in-review → moderated → published)',
    tag: 'Assessments',
    access: { kind: 'assessment', action: 'advance' },
    params: assessmentParams,
    body: statusChange,
    responses: { 200: { description: 'The assessment in its new status', schema: assessment }, 400: { description: 'Not the next status, or what the step needs is missing: the errors name it (evidence, criteria left empty without acknowledgeEmptyCriteria, criteria neither moderated nor in leftUnmoderated)', schema: problem }, 409: { description: 'Changed since the version given', schema: problem } },
    handle: async ({ params, body, principal, services }) => {
      const moved = await services.assessments.advance(params.id, body, principal!);
      return { status: 200, body: moved, headers: { ETag: `"${moved.version}"` } };
    },
  },
  {
    method: 'get',
    path: '/api/v1/assessments/:id/rating',
    summary: "The assessment's rating as agreed: each criterion's final outcome with its basis (moderated by the panel, else the assessor's, peer review's or self-assessment's judgement) and the pinned pack's rating of them",
    tag: 'Scoring',
    access: { kind: 'assessment', action: 'read' },
    params: assessmentParams,
    responses: { 200: { description: 'The agreed result', schema: agreedResultSchema }, 404: { description: 'No such assessment (or not yours)', schema: problem }, 503: { description: 'The pinned rule pack is not loaded here', schema: problem } },
    handle: async ({ params, principal, services }) => ({ status: 200, body: await agreedResult(services.packs, await services.assessments.snapshot(params.id, principal!)) }),
  },
  {
    method: 'get',
    path: '/api/v1/assessments/:id/audit',
    summary: 'The audit trail: every change with who, when, before and after (append-only)',
    tag: 'Assessments',
    access: { kind: 'assessment', action: 'read' },
    params: assessmentParams,
    responses: { 200: { description: 'The audit trail, oldest first', schema: z.array(auditEntry) } },
    handle: async ({ params, principal, services }) => ({ status: 200, body: await services.criteria.audit(params.id, principal!) }),
  },
];
