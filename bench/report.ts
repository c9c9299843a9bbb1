// Benchmark: the PDF calibration report of the demo assessment (all three perspectives, moderation),
// end to end through GET /report.pdf on the server running as its own process with the embedded
// FerretDB: warm p50/p95 one at a time, throughput with the page pool under concurrent clients over
// 500 renders (and the server's RSS growth across them), against a baseline that launches a browser
// per report in the same run.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildReportModel } from '../assessments/report-model/build-report-model.ts';
import { defaultPackDirectory } from '../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../assessments/rule-pack/load-pack.ts';
import { createLogger } from '../server/log.ts';
import { BrowserPool } from '../server/reports/browser-pool.ts';
import { loadHtmlRenderer } from '../server/reports/html-renderer.ts';
import { renderReportPdf } from '../server/reports/pdf-renderer.ts';
import { demoFixture, reportInputOf, storeFixture } from '../test/support/report-fixtures.ts';
import { summarise, time, treeRssMb } from './measure.ts';
import { startServerProcess } from '../test/support/server-process.ts';

const poolSize = 2;
const clients = 4;
const renders = 500;
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function benchReport() {
  const dataDir = await mkdtemp(join(tmpdir(), 'ics-bench-report-'));
  // With the demo data, so that the report's period holds eight assessments (good practice is looked up among them).
  const server = await startServerProcess(dataDir, { SEED_DEMO: 'true', REPORT_POOL_SIZE: String(poolSize), REPORT_QUEUE_MAX: String(clients * 2), REPORT_PER_USER: String(clients) });
  try {
    const headers = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, body: text === '' ? null : JSON.parse(text) };
    };
    const id = await storeFixture(call, await demoFixture());
    const report = async () => {
      const response = await fetch(`${server.url}/api/v1/assessments/${id}/report.pdf`, { headers });
      const pdf = new Uint8Array(await response.arrayBuffer());
      if (response.status !== 200) throw new Error(`GET report.pdf gave ${response.status}`);
      return pdf;
    };
    const pages = await pageCount(await report());

    const warm = summarise(await time(report, 40, 10));
    const rssBefore = await server.rssMb();
    const browserBefore = await treeRssMb(server.child.pid as number, 'chromium');

    // The server's RSS after every 50 renders: a heap that grows until the collector runs is not a
    // leak, so growth is the mean of the last five samples against the mean of the first five.
    const rssSamples: number[] = [];
    let started = 0;
    let finished = 0;
    let failed = 0;
    const begin = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (started < renders) {
          started += 1;
          await report().catch(() => (failed += 1));
          finished += 1;
          if (finished % 50 === 0) rssSamples.push(await server.rssMb());
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
    const rssAfter = await server.rssMb();
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const early = mean(rssSamples.slice(0, 5));
    const late = mean(rssSamples.slice(-5));
    const browserAfter = await treeRssMb(server.child.pid as number, 'chromium');

    const baseline = summarise(await time(launchPerReport, 6, 1));
    const throughput = Math.round((renders / seconds) * 100) / 100;
    const rssGrowthPercent = Math.round((1000 * (late - early)) / early) / 10;
    return {
      benchmark: 'report',
      what: `GET /report.pdf of the demo assessment (${pages} A4 pages: self, peer and assessor perspectives, moderation), server as its own process with the embedded FerretDB and the demo data (eight assessments in the period), page pool of ${poolSize}; throughput with ${clients} concurrent clients over ${renders} renders; baseline: a browser launched per report (same templates and PDF options, in the benchmark process)`,
      pages,
      warmMs: warm,
      throughput: { renders, failed, clients, poolSize, seconds: Math.round(seconds * 10) / 10, reportsPerSecond: throughput },
      baselineLaunchPerReportMs: baseline,
      speedupOverBaseline: Math.round((baseline.p50 / warm.p50) * 10) / 10,
      serverRssMb: { beforeRenders: rssBefore, every50Renders: rssSamples, after500Renders: rssAfter, growthPercent: rssGrowthPercent, growthIs: 'mean of the last five samples against the first five' },
      browserRssMb: { beforeRenders: browserBefore, after500Renders: browserAfter },
      targets: { warmP50Ms: 500, reportsPerSecond: 4, speedupOverBaseline: 3, rssGrowthPercent: 20 },
      met: { warmP50: warm.p50 <= 500, throughput: throughput >= 4, speedup: baseline.p50 / warm.p50 >= 3, rssGrowth: rssGrowthPercent < 20, noFailures: failed === 0 },
    };
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The baseline: build the same report, launch a browser for it, render, and close the browser. */
async function launchPerReport(): Promise<void> {
  const model = await buildReportModel(await reportInputOf(await demoFixture(), await loadRulePack(defaultPackDirectory)));
  const pool = new BrowserPool({ executablePath, size: 1, maxQueue: 0, taskTimeoutMs: 60_000, log: createLogger('warn') });
  try {
    await renderReportPdf(model, loadHtmlRenderer(), pool);
  } finally {
    await pool.close();
  }
}

async function pageCount(pdf: Uint8Array): Promise<number> {
  const folder = await mkdtemp(join(tmpdir(), 'ics-bench-pdf-'));
  try {
    await writeFile(join(folder, 'report.pdf'), pdf);
    const { stdout } = await promisify(execFile)('pdfinfo', [join(folder, 'report.pdf')]);
    return Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? 0);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
