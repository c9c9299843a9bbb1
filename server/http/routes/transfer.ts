import type { Route } from '../route.ts';
import { assessment, assessmentParams, problem } from '../schemas.ts';
import { assessmentExport } from '../../services/transfer-service.ts';

export const transferRoutes: Route[] = [
  {
    method: 'get',
    path: '/api/v1/assessments/:id/export',
    summary: 'Export a whole assessment as JSON: the assessment, its history and every record version',
    tag: 'Transfer',
    access: { kind: 'assessment', action: 'transfer' },
    params: assessmentParams,
    responses: { 200: { description: 'The export', schema: assessmentExport } },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await services.transfer.export(params.id, principal!),
      headers: { 'Content-Disposition': `attachment; filename="assessment-${params.id}.json"` },
    }),
  },
  {
    method: 'post',
    path: '/api/v1/assessments/import',
    summary: 'Import an exported assessment: content, versions and times as exported; every record attributed to the importer (the exported author kept as a note); name and region from the registry; consent to share left out',
    tag: 'Transfer',
    access: { kind: 'signed-in' },
    body: assessmentExport,
    responses: { 201: { description: 'The imported assessment', schema: assessment }, 403: { description: 'Only assessors and administrators import', schema: problem }, 404: { description: 'No such system here', schema: problem }, 409: { description: 'It, or one for the same system, period and pack, exists or is being imported; the system is retired; or this server lacks the rule pack it was made under', schema: problem } },
    handle: async ({ body, principal, services }) => ({ status: 201, body: await services.transfer.import(body, principal!) }),
  },
];
