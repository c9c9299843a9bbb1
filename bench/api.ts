// Benchmark: the REST API under 50 concurrent clients on loopback against the embedded FerretDB:
// GET score and PUT evidence, each for a bounded time; throughput, p50/p99 and the server's RSS.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminCaller, assessmentsWithEvidence } from './assessments-under-load.ts';
import { runLoad } from './load.ts';
import { startServerProcess } from '../test/support/server-process.ts';

const clients = 50;

export async function benchApi(seconds = 15) {
  const dataDir = await mkdtemp(join(tmpdir(), 'ics-bench-api-'));
  const server = await startServerProcess(dataDir);
  try {
    const { ids, evidence } = await assessmentsWithEvidence(adminCaller(server), clients);
    const rssBefore = await server.rssMb();

    const headers = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
    const getScore = await runLoad(clients, seconds, async (client) => {
      const response = await fetch(`${server.url}/api/v1/assessments/${ids[client]}/perspectives/self/score`, { headers });
      await response.arrayBuffer();
      return response.status;
    });
    const rssAfterReads = await server.rssMb();

    const versions = ids.map(() => 1);
    const hosc = evidence['hosc-effectiveness'] as { indicators: Record<string, { value: unknown; source: string; asAt: string }> };
    const putEvidence = await runLoad(clients, seconds, async (client, iteration) => {
      const body = { basedOnVersion: versions[client], evidence: { indicators: { ...hosc.indicators, systemSessions: { value: 2 + (iteration % 4), source: 'Benchmark', asAt: '2025-03-31' } } } };
      const response = await fetch(`${server.url}/api/v1/assessments/${ids[client]}/perspectives/self/criteria/hosc-effectiveness/evidence`, { method: 'PUT', headers, body: JSON.stringify(body) });
      await response.arrayBuffer();
      if (response.status === 200) versions[client] = (versions[client] ?? 0) + 1;
      return response.status;
    });
    const rssAfterWrites = await server.rssMb();
    return {
      benchmark: 'api',
      what: `${clients} concurrent clients on loopback, ${seconds} s per phase, embedded FerretDB (SQLite); each client owns one assessment with evidence for all ten criteria`,
      getScore,
      putEvidence,
      serverRssMb: { beforeLoad: rssBefore, afterReads: rssAfterReads, afterWrites: rssAfterWrites },
      targets: { getScoreP99Ms: 50, rssMb: 250 },
      met: { getScoreP99: getScore.latencyMs.p99 <= 50, rss: Math.max(rssAfterReads, rssAfterWrites) <= 250, noErrors: getScore.errors + putEvidence.errors === 0 },
    };
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
