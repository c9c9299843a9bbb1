import { assessmentParams } from '../../http/schemas.ts';
import { reportFileName } from '../../reports/report-service.ts';
import type { PageRoute } from '../page.ts';
import { assessmentContext, assessmentModel } from './assessment-context.ts';

/**
 * The calibration report from the web pages, for whoever may read the assessment: a preview of its
 * executive summary in the page (from the report's own model, so the words are the report's), and
 * the whole report as a PDF or as the web page the PDF is printed from, both as downloads. (The
 * report's HTML carries its own styles, which the pages' Content-Security-Policy does not allow
 * inline; the API's preview takes API tokens, not the web session.)
 */
export const assessmentReportPages: PageRoute[] = [
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
    handle: async ({ params, principal, services }) => {
      const { assessment } = await assessmentContext(services, params.id!, principal!);
      const html = await services.reports.html(assessment.id, principal!);
      return { download: { body: html, type: 'text/html; charset=utf-8', filename: reportFileName(assessment.system, assessment.period).replace(/\.pdf$/, '.html') } };
    },
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
          html: `/assessments/${id}/report.html`,
          improvement: `/assessments/${id}/improvement`,
          calibration: `/assessments/${id}/calibration`,
        },
      };
    },
  },
];
