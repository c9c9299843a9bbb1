import { z } from 'zod';
import type { Route } from '../route.ts';
import { reportPreviewPolicy } from '../../reports/preview-policy.ts';
import { assessmentParams, problem } from '../schemas.ts';
import { workbookType } from '../../services/workbook-service.ts';
import { downloadHeaders } from '../download-headers.ts';

export const reportRoutes: Route[] = [
  {
    method: 'get',
    path: '/api/v1/assessments/:id/workbook.xlsx',
    summary: 'The assessment as an Excel workbook: scores per perspective, findings, evidence, judgements with rationales, moderation',
    tag: 'Reports',
    access: { kind: 'assessment', action: 'read' },
    params: assessmentParams,
    responses: { 200: { description: 'The workbook', type: workbookType, schema: z.string().describe('An .xlsx workbook') }, 404: { description: 'No such assessment (or not yours to see)', schema: problem } },
    handle: async ({ params, principal, services }) => {
      const { body, filename } = await services.workbooks.assessment(params.id, principal!);
      return { status: 200, type: workbookType, body, headers: downloadHeaders(filename) };
    },
  },
  {
    method: 'get',
    path: '/api/v1/assessments/:id/report.pdf',
    summary: 'The calibration report for a board, as a tagged A4 PDF with bookmarks',
    tag: 'Reports',
    access: { kind: 'assessment', action: 'read' },
    params: assessmentParams,
    responses: {
      200: { description: 'The PDF', type: 'application/pdf', schema: z.string().describe('A PDF document') },
      404: { description: 'No such assessment (or not yours to see)', schema: problem },
      503: { description: 'Too many reports are being made, or the renderer is restarting: try again after Retry-After seconds', schema: problem },
    },
    handle: async ({ params, principal, services }) => {
      const { pdf, filename } = await services.reports.pdf(params.id, principal!);
      return { status: 200, type: 'application/pdf', body: pdf, headers: { 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'private, no-store' } };
    },
  },
  {
    method: 'get',
    path: '/api/v1/assessments/:id/report',
    summary: 'The calibration report as an HTML page (a preview of the PDF)',
    tag: 'Reports',
    access: { kind: 'assessment', action: 'read' },
    params: assessmentParams,
    responses: { 200: { description: 'HTML', type: 'text/html', schema: z.string() }, 404: { description: 'No such assessment (or not yours to see)', schema: problem } },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      type: 'text/html',
      body: await services.reports.html(params.id, principal!),
      headers: { 'Content-Security-Policy': reportPreviewPolicy, 'Cache-Control': 'private, no-store' },
    }),
  },
];
