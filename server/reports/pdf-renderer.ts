import type { ReportModel } from '../../assessments/report-model/report-model.ts';
import type { BrowserPool } from './browser-pool.ts';
import type { HtmlRenderer } from './html-renderer.ts';

/**
 * A report model as a PDF: rendered to HTML by the templates, set as the content of a pooled page
 * (never loaded from a URL) and printed on A4 with backgrounds, tagged for accessibility and with
 * an outline (bookmarks) made from its headings. The running header (system, period, protective
 * marking, calibration label) and footer ("Page X of Y") are the CSS page's margin boxes, which
 * Chromium prints faster than header and footer templates; the title and language come from the HTML.
 */
export async function renderReportPdf(model: ReportModel, html: HtmlRenderer, pool: BrowserPool): Promise<Buffer> {
  const content = html.report(model);
  return pool.use(async (page) => {
    await page.setContent(content, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      tagged: true,
      outline: true,
    });
    return Buffer.from(pdf);
  });
}
