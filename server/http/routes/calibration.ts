import { z } from 'zod';
import { period } from '../../../assessments/evidence/perspective-evidence.ts';
import { calibrationTables } from '../../services/calibration-service.ts';
import { workbookType } from '../../services/workbook-service.ts';
import { downloadHeaders } from '../download-headers.ts';
import type { Route } from '../route.ts';
import { assessmentParams, problem } from '../schemas.ts';

const periodQuery = z.strictObject({ period });

export const calibrationRoutes: Route[] = [
  {
    method: 'get',
    path: '/api/v1/assessments/:id/calibration',
    summary: 'Calibration within an assessment: agreement and weighted kappa per pair of perspectives, divergences of 2 or more with the findings each side saw, moderated scores',
    tag: 'Calibration',
    access: { kind: 'assessment', action: 'read' },
    params: assessmentParams,
    responses: { 200: { description: 'Agreement, divergences and moderation', schema: z.looseObject({ agreement: z.array(z.unknown()), divergences: z.array(z.unknown()), moderated: z.record(z.string(), z.unknown()) }) }, 404: { description: 'No such assessment (or not yours)', schema: problem } },
    handle: async ({ params, principal, services }) => ({ status: 200, body: await services.calibration.forAssessment(params.id, principal!) }),
  },
  {
    method: 'get',
    path: '/api/v1/calibration',
    summary: 'Calibration across systems in a period (¶3.125): assessor leniency, self-assessment against moderated scores, score distributions by criterion and region',
    tag: 'Calibration',
    access: { kind: 'signed-in' },
    query: periodQuery,
    responses: { 200: { description: 'The calibration tables', schema: z.looseObject({ period: z.string(), assessments: z.number().int(), assessors: z.array(z.unknown()), selfAssessment: z.array(z.unknown()), distributions: z.array(z.unknown()) }) }, 403: { description: 'System users and system-limited board viewers do not see other systems', schema: problem } },
    handle: async ({ query, principal, services }) => ({ status: 200, body: await services.calibration.forPeriod(query.period, principal!) }),
  },
  {
    method: 'get',
    path: '/api/v1/calibration/workbook.xlsx',
    summary: 'The calibration tables of a period as an Excel workbook: a sheet each for assessors, self-assessment and distribution',
    tag: 'Calibration',
    access: { kind: 'signed-in' },
    query: periodQuery,
    responses: { 200: { description: 'The workbook', type: workbookType, schema: z.string().describe('An .xlsx workbook') }, 403: { description: 'Not for system users or system-limited board viewers', schema: problem } },
    handle: async ({ query, principal, services }) => {
      const { body, filename } = await services.workbooks.calibrationPeriod(query.period, principal!);
      return { status: 200, type: workbookType, body, headers: downloadHeaders(filename) };
    },
  },
  {
    method: 'get',
    path: '/api/v1/calibration/:table.csv',
    summary: 'One calibration table as CSV: assessors, self-assessment or distribution',
    tag: 'Calibration',
    access: { kind: 'signed-in' },
    params: z.strictObject({ table: z.enum(calibrationTables) }),
    query: periodQuery,
    responses: { 200: { description: 'CSV', type: 'text/csv', schema: z.string() }, 403: { description: 'Not for system users', schema: problem } },
    handle: async ({ params, query, principal, services }) => ({
      status: 200,
      type: 'text/csv; charset=utf-8',
      body: await services.calibration.csv(query.period, params.table, principal!),
      headers: { 'Content-Disposition': `attachment; filename="calibration-${params.table}-${query.period.replace('/', '-')}.csv"` },
    }),
  },
];
