// Benchmark: a bounded soak on loopback. 50 clients for SOAK_SECONDS (default 300) mixing reads,
// evidence writes and score requests, each on its own assessment, while a PDF report is made every
// 5 s; the server runs as its own process on a fresh embedded FerretDB. Every response must be 200;
// p50/p99 per kind; the server's memory sampled every 5 s, its growth measured from the end of the
// warm-up (the first fifth, at most 60 s) to the end.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { demoFixture, storeFixture } from '../test/support/report-fixtures.ts';
import { startServerProcess } from '../test/support/server-process.ts';
import { adminCaller, assessmentsWithEvidence } from './assessments-under-load.ts';
import { runLoad } from './load.ts';
import { summarise, treeRssMb } from './measure.ts';

const clients = 50;
const reportEverySeconds = 5;
const sampleEverySeconds = 5;

/** Of every ten requests a client makes: four reads, three scorings, three evidence writes. */
const mix = ['read', 'read', 'read', 'read', 'score', 'score', 'score', 'write', 'write', 'write'] as const;
const reads = ['', '/perspectives/self/criteria/hosc-effectiveness', '/audit'];

export async function benchSoak(seconds = Number(process.env.SOAK_SECONDS ?? 300)) {
  const dataDir = await mkdtemp(join(tmpdir(), 'ics-bench-soak-'));
  const server = await startServerProcess(dataDir);
  try {
    const call = adminCaller(server);
    const { ids, evidence } = await assessmentsWithEvidence(call, clients);
    const reportId = await storeFixture(call, { ...(await demoFixture()), period: '2023/24' });
    const headers = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
    const get = async (path: string) => {
      const response = await fetch(`${server.url}${path}`, { headers });
      await response.arrayBuffer();
      return response.status;
    };

    const started = Date.now();
    const elapsed = () => Math.round((Date.now() - started) / 100) / 10;
    let running = true;
    // The machine's one-minute load average too: on a shared machine other work shows in the latencies.
    const samples: Array<{ atSeconds: number; serverMb: number; databaseMb: number; browserMb: number; loadAverage: number }> = [];
    const sampler = (async () => {
      while (running) {
        const pid = server.child.pid as number;
        samples.push({ atSeconds: elapsed(), serverMb: await server.rssMb(), databaseMb: await treeRssMb(pid, 'ferretdb'), browserMb: await treeRssMb(pid, 'chromium'), loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100 });
        await sleep(sampleEverySeconds * 1000);
      }
    })();
    const pdfs: number[] = [];
    const pdfStatuses: Record<string, number> = {};
    const reporter = (async () => {
      while (running) {
        const begin = Date.now();
        const status = await get(`/api/v1/assessments/${reportId}/report.pdf`).catch(() => 0);
        pdfs.push(Date.now() - begin);
        pdfStatuses[status] = (pdfStatuses[status] ?? 0) + 1;
        await sleep(Math.max(0, reportEverySeconds * 1000 - (Date.now() - begin)));
      }
    })();

    const versions = ids.map(() => 1);
    const hosc = evidence['hosc-effectiveness'] as { indicators: Record<string, { value: unknown; source: string; asAt: string }> };
    const load = await runLoad(clients, seconds, async (client, iteration) => {
      const id = ids[client] as string;
      const kind = mix[(iteration + client) % mix.length]!;
      if (kind === 'read') return { kind, status: await get(`/api/v1/assessments/${id}${reads[iteration % reads.length]}`) };
      if (kind === 'score') return { kind, status: await get(`/api/v1/assessments/${id}/perspectives/self/score`) };
      const body = { basedOnVersion: versions[client], evidence: { indicators: { ...hosc.indicators, systemSessions: { value: 2 + (iteration % 4), source: 'Soak', asAt: '2025-03-31' } } } };
      const response = await fetch(`${server.url}/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness/evidence`, { method: 'PUT', headers, body: JSON.stringify(body) });
      await response.arrayBuffer();
      if (response.status === 200) versions[client] = (versions[client] ?? 0) + 1;
      return { kind, status: response.status };
    });
    running = false;
    await Promise.all([sampler, reporter]);

    const warmUp = Math.min(60, seconds / 5);
    const mean = (values: number[]) => Math.round(values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length));
    const window = Math.max(sampleEverySeconds * 3, Math.min(30, seconds / 5));
    const afterWarmUp = mean(samples.filter((sample) => sample.atSeconds >= warmUp && sample.atSeconds < warmUp + window).map((sample) => sample.serverMb));
    const atEnd = mean(samples.filter((sample) => sample.atSeconds >= elapsed() - window).map((sample) => sample.serverMb));
    const growthPercent = Math.round((1000 * (atEnd - afterWarmUp)) / afterWarmUp) / 10;
    const pdfErrors = Object.entries(pdfStatuses).filter(([status]) => status !== '200').reduce((sum, [, count]) => sum + count, 0);
    return {
      benchmark: 'soak',
      what: `${clients} clients on loopback for ${seconds} s, each on its own assessment (evidence for all ten criteria): of every ten requests four reads (assessment, criterion, audit), three scorings, three evidence saves; a PDF report of the demo assessment every ${reportEverySeconds} s; server as its own process, embedded FerretDB (SQLite)`,
      seconds,
      load,
      pdf: { renders: pdfs.length, statuses: pdfStatuses, errors: pdfErrors, latencyMs: summarise(pdfs) },
      evidenceVersionsPerAssessment: { min: Math.min(...versions), max: Math.max(...versions) },
      rssMb: { warmUpSeconds: warmUp, windowSeconds: window, serverAfterWarmUp: afterWarmUp, serverAtEnd: atEnd, growthPercent, samples },
      targets: { errors: 0, rssGrowthPercent: 20 },
      met: { noErrors: load.errors + pdfErrors === 0, rssGrowth: growthPercent < 20 },
    };
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
