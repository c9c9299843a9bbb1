import { readdir, readFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';

/** Percentiles and count of a list of durations in milliseconds. */
export interface Timing {
  runs: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export function summarise(durations: number[]): Timing {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return { runs: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), mean: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length) };
}

/** Times `task` `runs` times after `warmup` untimed runs; each run's duration in milliseconds. */
export async function time(task: () => unknown, runs: number, warmup: number): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await task();
  const durations: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    await task();
    durations.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return durations;
}

/** The machine a result was measured on, written beside every result. */
export function machine() {
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}

/** Resident memory in MB of the processes named `name` under `root` (a browser and its renderers), from /proc. */
export async function treeRssMb(root: number, name: string): Promise<number> {
  const processes: Array<{ pid: number; parent: number; name: string; rssKb: number }> = [];
  for (const entry of (await readdir('/proc')).filter((item) => /^\d+$/.test(item))) {
    const [stat, status] = await Promise.all([readFile(`/proc/${entry}/stat`, 'utf8').catch(() => ''), readFile(`/proc/${entry}/status`, 'utf8').catch(() => '')]);
    const close = stat.lastIndexOf(')');
    if (close < 0) continue;
    processes.push({ pid: Number(entry), parent: Number(stat.slice(close + 2).split(' ')[1]), name: stat.slice(stat.indexOf('(') + 1, close), rssKb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) });
  }
  const inTree = new Set<number>([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const entry of processes) {
      if (inTree.has(entry.pid) || !inTree.has(entry.parent)) continue;
      inTree.add(entry.pid);
      grew = true;
    }
  }
  const total = processes.filter((entry) => entry.pid !== root && inTree.has(entry.pid) && entry.name.startsWith(name)).reduce((sum, entry) => sum + entry.rssKb, 0);
  return Math.round(total / 1024);
}
