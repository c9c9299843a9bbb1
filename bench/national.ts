// Benchmark: national scale. Every ICB of a period assessed (the 42 systems of reference/icbs.csv,
// seeded through the API: self, peer and assessor evidence for all ten criteria, every criterion
// moderated), then single-user latencies (N sequential requests after warm-up, one at a time) of the
// operations that read across systems, and history growth: one criterion saved 500 times, with the
// reads of its assessment measured after 1, 100 and 500 saves. The server runs as its own process on
// a fresh embedded FerretDB.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Perspective } from '../assessments/evidence/perspective-evidence.ts';
import { evidenceByOutcome } from '../test/support/evidence-from-cases.ts';
import { storeFixture, type ReportFixture } from '../test/support/report-fixtures.ts';
import { startServerProcess, type ServerProcess } from '../test/support/server-process.ts';
import { WebClient } from '../test/support/web-client.ts';
import { adminCaller, type Call } from './assessments-under-load.ts';
import { summarise, time, type Timing } from './measure.ts';

const period = '2025/26';
const scored = ['partner-engagement', 'strategy-and-plans', 'place-and-neighbourhood', 'prevention-shift', 'regional-support', 'priorities-in-practice', 'mutual-accountability', 'learning-culture', 'hosc-effectiveness'] as const;
const gate = 'financial-management';
/** The criterion whose history grows, in the assessor's perspective (writable while in review). */
const growing = { perspective: 'assessor', criterion: 'hosc-effectiveness' } as const;
const saves = [1, 100, 500] as const;

/** One-minute load average: the machine is shared, and other work shows in the latencies. */
const load = () => Math.round((loadavg()[0] ?? 0) * 100) / 100;

/**
 * The `index`th system's assessment, in review, varied by system and criterion so that calibration
 * has spread to show: self 2–4, peer a point lower on some, assessor 1–4, the panel between peer and
 * assessor; the assessor finds every fourth system's finances not well managed.
 */
async function assessmentOf(system: { odsCode: string; name: string; region: string | null }, index: number): Promise<ReportFixture> {
  const library = await evidenceByOutcome();
  const evidenceAt = (criterion: string, outcome: number | string) => library.get(criterion)?.get(outcome) ?? (() => { throw new Error(`No case gives ${criterion} the outcome ${outcome}`); })();
  const scores = (perspective: Perspective, criterion: number) => {
    const self = 2 + ((index + criterion) % 3);
    if (perspective === 'self') return self;
    if (perspective === 'peer') return Math.max(1, self - ((index + criterion) % 2));
    return 1 + ((index * 3 + criterion) % 4);
  };
  const perspective = (which: Perspective) => ({
    criteria: Object.fromEntries([
      ...scored.map((criterion, at) => [criterion, evidenceAt(criterion, scores(which, at))]),
      [gate, evidenceAt(gate, which === 'assessor' && index % 4 === 0 ? 'not-well-managed' : 'well-managed')],
    ]),
    judgements: {},
  });
  const rationale = 'Benchmark: the panel weighed the peer review and the assessor’s evidence.';
  return {
    name: system.odsCode,
    system: system.odsCode,
    systemName: system.name,
    region: system.region ?? '',
    period,
    status: 'in-review',
    perspectives: { self: perspective('self'), peer: perspective('peer'), assessor: perspective('assessor') },
    moderation: Object.fromEntries([
      ...scored.map((criterion, at) => [criterion, { outcome: { score: Math.round((scores('peer', at) + scores('assessor', at)) / 2) }, rationale }]),
      [gate, { outcome: { status: index % 4 === 0 ? 'not-well-managed' : 'well-managed' }, rationale }],
    ]),
    ambitions: [],
    goodPractice: [],
  };
}

/** Stores an assessment of every system through the API; their ids, in the order of the systems. */
async function seedEverySystem(call: Call): Promise<string[]> {
  // Every system in force in the period: the 42 of the July 2022 map for 2025/26.
  const systems = (await call('GET', `/api/v1/systems?period=${encodeURIComponent(period)}`)).body as Array<{ odsCode: string; name: string; region: string | null }>;
  const ids: string[] = [];
  for (const [index, system] of systems.entries()) ids.push(await storeFixture(call, await assessmentOf(system, index)));
  return ids;
}

/** N sequential requests after warm-up; any status but 200 stops the benchmark (an error's latency means nothing). */
async function sequential(request: () => Promise<number>, runs: number, warmup = 3): Promise<Timing & { loadAverage: number }> {
  const loadAverage = load();
  const durations = await time(async () => {
    const status = await request();
    if (status !== 200) throw new Error(`A measured request answered ${status}`);
  }, runs, warmup);
  return { ...summarise(durations), loadAverage };
}

/** GET as the API token, reading the whole body. */
function apiGet(server: ServerProcess, path: string): () => Promise<number> {
  return async () => {
    const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    await response.arrayBuffer();
    return response.status;
  };
}

/** GET a page in the signed-in session. */
function pageGet(web: WebClient, path: string): () => Promise<number> {
  return async () => (await web.get(path)).status;
}

export async function benchNational(runs = Number(process.env.NATIONAL_RUNS ?? 20)) {
  const dataDir = await mkdtemp(join(tmpdir(), 'ics-bench-national-'));
  const server = await startServerProcess(dataDir);
  try {
    const call = adminCaller(server);
    const loadAtStart = load();
    const seedStarted = Date.now();
    const ids = await seedEverySystem(call);
    const seedSeconds = Math.round((Date.now() - seedStarted) / 100) / 10;
    const web = new WebClient(server.url);
    const signedIn = await web.signIn({ email: 'admin@example.org', password: server.adminPassword });
    if (signedIn.status !== 303) throw new Error(`Could not sign in to the web pages (${signedIn.status})`);
    if (signedIn.location === '/account/password') {
      // The first administrator's password is one-time: replaced before any other page opens.
      await web.get('/account/password');
      const newPassword = 'the benchmark’s own password';
      const changed = await web.post('/account/password', { currentPassword: server.adminPassword, newPassword, confirmPassword: newPassword });
      if (changed.status !== 303) throw new Error(`Could not replace the one-time password (${changed.status})`);
    }

    const query = `period=${encodeURIComponent(period)}`;
    const targets: Record<string, number> = { calibrationJson: 150, 'calibrationCsv.assessors': 150, 'calibrationCsv.self-assessment': 150, 'calibrationCsv.distribution': 150, dashboardPage: 100, apiList100: 50 };
    const acrossSystems: Record<string, Timing & { loadAverage: number }> = {
      calibrationJson: await sequential(apiGet(server, `/api/v1/calibration?${query}`), runs),
      'calibrationCsv.assessors': await sequential(apiGet(server, `/api/v1/calibration/assessors.csv?${query}`), runs),
      'calibrationCsv.self-assessment': await sequential(apiGet(server, `/api/v1/calibration/self-assessment.csv?${query}`), runs),
      'calibrationCsv.distribution': await sequential(apiGet(server, `/api/v1/calibration/distribution.csv?${query}`), runs),
      dashboardPage: await sequential(pageGet(web, '/'), runs),
      apiList100: await sequential(apiGet(server, '/api/v1/assessments?pageSize=100'), runs),
    };

    // History growth: the first system's assessor evidence on scrutiny saved again and again.
    const id = ids[0] as string;
    const criterionPath = `/api/v1/assessments/${id}/perspectives/${growing.perspective}/criteria/${growing.criterion}`;
    const stored = (await call('GET', criterionPath)).body as { evidence: { version: number; content: { evidence: { indicators: Record<string, unknown> } } } };
    const evidence = stored.evidence.content.evidence;
    let version = stored.evidence.version;
    const reads = {
      scoreApi: apiGet(server, `/api/v1/assessments/${id}/perspectives/${growing.perspective}/score`),
      overviewPage: pageGet(web, `/assessments/${id}`),
      evidenceFormPage: pageGet(web, `/assessments/${id}/${growing.perspective}/${growing.criterion}`),
    };
    const history: Array<{ saves: number; saveMs: Timing | null } & Record<keyof typeof reads, Timing & { loadAverage: number }>> = [];
    for (const target of saves) {
      const saveDurations = await time(async () => {
        const content = { ...evidence, indicators: { ...evidence.indicators, systemSessions: { value: 2 + (version % 4), source: 'Benchmark', asAt: '2025-06-30' } } };
        const saved = await call('PUT', `${criterionPath}/evidence`, { basedOnVersion: version, evidence: content });
        if (saved.status !== 200) throw new Error(`Saving evidence answered ${saved.status}: ${JSON.stringify(saved.body)}`);
        version = saved.body.version;
      }, target - version, 0);
      history.push({
        saves: version,
        saveMs: saveDurations.length === 0 ? null : summarise(saveDurations),
        scoreApi: await sequential(reads.scoreApi, runs),
        overviewPage: await sequential(reads.overviewPage, runs),
        evidenceFormPage: await sequential(reads.evidenceFormPage, runs),
      });
    }
    const first = history[0]!;
    const last = history[history.length - 1]!;
    const growth = (read: keyof typeof reads) => Math.round((100 * last[read].p50) / first[read].p50) / 100;
    const growthTarget = 1.2;

    const met = {
      ...Object.fromEntries(Object.entries(acrossSystems).map(([name, timing]) => [name, timing.p50 <= (targets[name] as number)])),
      scoreAfter500Saves: growth('scoreApi') <= growthTarget,
      overviewPageAfter500Saves: growth('overviewPage') <= growthTarget,
    };
    const lines = [
      ...Object.entries(acrossSystems).map(([name, timing]) => `${name.padEnd(32)} p50 ${timing.p50.toFixed(1).padStart(8)} ms  p95 ${timing.p95.toFixed(1).padStart(8)} ms  target p50 ≤ ${targets[name]} ms: ${met[name as keyof typeof met] ? 'met' : 'not met'}`),
      ...(['scoreApi', 'overviewPage', 'evidenceFormPage'] as const).map((read) => `${read.padEnd(32)} p50 ${history.map((entry) => `${entry[read].p50.toFixed(1)} ms after ${entry.saves}`).join(', ')}: ${growth(read)}× ${read === 'evidenceFormPage' ? '(no target)' : `target ≤ ${growthTarget}×: ${met[read === 'scoreApi' ? 'scoreAfter500Saves' : 'overviewPageAfter500Saves'] ? 'met' : 'not met'}`}`),
    ];
    console.log(lines.join('\n'));
    return {
      benchmark: 'national',
      what: `${ids.length} assessments of period ${period} (every system of reference/icbs.csv) seeded through the API, each in review with self, peer and assessor evidence for all ten criteria and every criterion moderated; ${runs} sequential requests per measure after 3 untimed, one at a time, one signed-in user; history growth: one assessment's ${growing.perspective} evidence on ${growing.criterion} saved up to ${saves[saves.length - 1]} times; server as its own process, embedded FerretDB (SQLite)`,
      assessments: ids.length,
      seedSeconds,
      latencyMs: acrossSystems,
      history,
      growthAfter500Saves: { scoreApi: growth('scoreApi'), overviewPage: growth('overviewPage'), evidenceFormPage: growth('evidenceFormPage') },
      loadAverage: { atStart: loadAtStart, atEnd: load() },
      targets: { p50Ms: targets, growthAfter500SavesAtMost: growthTarget },
      met,
    };
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
