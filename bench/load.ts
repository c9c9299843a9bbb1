import { summarise, type Timing } from './measure.ts';

export interface LoadResult {
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
  throughputPerSecond: number;
  latencyMs: Timing;
  /** When requests say what kind they were: each kind's latency, statuses and errors. */
  byKind?: Record<string, { errors: number; statuses: Record<string, number>; latencyMs: Timing }>;
}

/** What a request reports: its status, or its status and what kind of request it was. */
export type Outcome = number | { status: number; kind: string };

/**
 * Runs `clients` concurrent loops on loopback for `seconds`, each calling `request(client, i)`
 * and timing it; bounded in time and stopping by itself. A response outside `expected` is an error.
 */
export async function runLoad(clients: number, seconds: number, request: (client: number, iteration: number) => Promise<Outcome>, expected: readonly number[] = [200]): Promise<LoadResult> {
  const durations: number[] = [];
  const statuses: Record<string, number> = {};
  const kinds = new Map<string, { durations: number[]; errors: number; statuses: Record<string, number> }>();
  let errors = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let iteration = 0; Date.now() < deadline; iteration += 1) {
        const start = process.hrtime.bigint();
        let outcome: Outcome;
        try {
          outcome = await request(client, iteration);
        } catch {
          outcome = 0;
        }
        const duration = Number(process.hrtime.bigint() - start) / 1e6;
        const status = typeof outcome === 'number' ? outcome : outcome.status;
        const failed = !expected.includes(status);
        durations.push(duration);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (failed) errors += 1;
        if (typeof outcome !== 'number') {
          const kind = kinds.get(outcome.kind) ?? { durations: [], errors: 0, statuses: {} };
          kind.durations.push(duration);
          kind.statuses[status] = (kind.statuses[status] ?? 0) + 1;
          if (failed) kind.errors += 1;
          kinds.set(outcome.kind, kind);
        }
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    requests: durations.length,
    errors,
    statuses,
    seconds: Math.round(elapsed * 10) / 10,
    throughputPerSecond: Math.round(durations.length / elapsed),
    latencyMs: summarise(durations),
    ...(kinds.size === 0 ? {} : { byKind: Object.fromEntries([...kinds].map(([name, kind]) => [name, { errors: kind.errors, statuses: kind.statuses, latencyMs: summarise(kind.durations) }])) }),
  };
}
