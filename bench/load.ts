import { summarise, type Timing } from './measure.ts';

export interface LoadResult {
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
  throughputPerSecond: number;
  latencyMs: Timing;
}

/**
 * Runs `clients` concurrent loops on loopback for `seconds`, each calling `request(client, i)`
 * and timing it; bounded in time and stopping by itself. A response outside `expected` is an error.
 */
export async function runLoad(clients: number, seconds: number, request: (client: number, iteration: number) => Promise<number>, expected: readonly number[] = [200]): Promise<LoadResult> {
  const durations: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let iteration = 0; Date.now() < deadline; iteration += 1) {
        const start = process.hrtime.bigint();
        let status: number;
        try {
          status = await request(client, iteration);
        } catch {
          status = 0;
        }
        durations.push(Number(process.hrtime.bigint() - start) / 1e6);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (!expected.includes(status)) errors += 1;
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return { requests: durations.length, errors, statuses, seconds: Math.round(elapsed * 10) / 10, throughputPerSecond: Math.round(durations.length / elapsed), latencyMs: summarise(durations) };
}
