// `node --import tsx scripts/report-screenshots.ts`: renders the demo calibration report (built from the
// rule pack's own cases, scored for real) to docs/report/demo-report.pdf, and its pages to PNGs with
// poppler's pdftoppm at 60 dpi (docs/report/page-N.png), for the README.
import { execFile } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildReportModel } from '../assessments/report-model/build-report-model.ts';
import { defaultPackDirectory } from '../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../assessments/rule-pack/load-pack.ts';
import { createLogger } from '../server/log.ts';
import { BrowserPool } from '../server/reports/browser-pool.ts';
import { loadHtmlRenderer } from '../server/reports/html-renderer.ts';
import { renderReportPdf } from '../server/reports/pdf-renderer.ts';
import { demoFixture, reportInputOf } from '../test/support/report-fixtures.ts';

const folder = fileURLToPath(new URL('../docs/report/', import.meta.url));
const pool = new BrowserPool({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', size: 1, maxQueue: 0, taskTimeoutMs: 60_000, log: createLogger('warn') });
try {
  const model = await buildReportModel(await reportInputOf(await demoFixture(), await loadRulePack(defaultPackDirectory)));
  const pdf = await renderReportPdf(model, loadHtmlRenderer(), pool);
  await mkdir(folder, { recursive: true });
  for (const name of (await readdir(folder)).filter((file) => /^page-\d+\.png$/.test(file))) await rm(`${folder}${name}`);
  await writeFile(`${folder}demo-report.pdf`, pdf);
  await promisify(execFile)('pdftoppm', ['-r', '60', '-png', `${folder}demo-report.pdf`, `${folder}page`]);
  const pages = (await readdir(folder)).filter((file) => /^page-\d+\.png$/.test(file)).sort();
  console.log(`Wrote docs/report/demo-report.pdf and ${pages.length} pages: ${pages.join(', ')}`);
} finally {
  await pool.close();
}
