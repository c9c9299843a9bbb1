import { assessmentParams } from '../../http/schemas.ts';
import { workbookType } from '../../services/workbook-service.ts';
import type { PageRoute } from '../page.ts';
import { assessmentContext, assessmentModel } from './assessment-context.ts';

/**
 * The calibration report from the web pages, for whoever may read the assessment: a preview of its
 * executive summary in the page (from the report's own model, so the words are the report's), the
 * whole report as the web page the PDF is printed from (shown under the report's own
 * Content-Security-Policy, since it carries inline styles), and the PDF as a download.
 */
export const assessmentReportPages: PageRoute[] = [
  {
    method: 'get',
    path: '/assessments/:id/workbook.xlsx',
    access: { kind: 'assessment', action: 'read' },
    params: assessmentParams,
    handle: async ({ params, principal, services }) => {
      const { body, filename } = await services.workbooks.assessment(params.id!, principal!);
      return { download: { body, type: workbookType, filename } };
    },
  },
  {
    method: 'get',
    path: '/assessments/:id/report.pdf',
    access: { kind: 'assessment', action: 'read' },
    params: assessmentParams,
    handle: async ({ params, principal, services }) => {
      const { pdf, filename } = await services.reports.pdf(params.id!, principal!);
      return { download: { body: pdf, type: 'application/pdf', filename } };
    },
  },
  {
    method: 'get',
    path: '/assessments/:id/report.html',
    access: { kind: 'assessment', action: 'read' },
    params: assessmentParams,
    handle: async ({ params, principal, services }) => ({ document: await services.reports.html(params.id!, principal!) }),
  },
  {
    method: 'get',
    path: '/assessments/:id/report',
    access: { kind: 'assessment', action: 'read' },
    params: assessmentParams,
    handle: async ({ params, principal, services }) => {
      const context = await assessmentContext(services, params.id!, principal!);
      const id = context.assessment.id;
      const report = await services.reports.model(id, principal!);
      return {
        view: 'assessments/report-preview',
        title: `Report preview – ${context.titleName}`,
        model: {
          ...assessmentModel(context),
          summary: report.summary,
          facts: report.cover.facts,
          pdf: `/assessments/${id}/report.pdf`,
          workbook: `/assessments/${id}/workbook.xlsx`,
          html: `/assessments/${id}/report.html`,
          improvement: `/assessments/${id}/improvement`,
          calibration: `/assessments/${id}/calibration`,
        },
      };
    },
  },
];
