import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/** The product's server, started as its own process (so its memory is its own, and it can be killed) on a data folder. */
export interface ServerProcess {
  url: string;
  /** The first administrator's token: printed only when this start created it (a fresh data folder), else ''. */
  adminToken: string;
  /** The first administrator's one-time password for the web pages: printed only when this start created it, else ''. */
  adminPassword: string;
  child: ChildProcess;
  /** Settles with the exit code, or the signal that ended it, whenever the process ends. */
  exited: Promise<number | string | null>;
  /** Resident memory of the server process in MB (from /proc). */
  rssMb(): Promise<number>;
  /** SIGTERM (a clean stop) unless it has already exited. */
  stop(): Promise<void>;
  /** Ends it at once with a signal (SIGKILL: no clean-up runs at all, as in a power cut) and waits for it to go. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** The TypeScript sources through tsx, as in development; pass `[compiled main.js]` to start a build instead. */
const fromSources = ['--import', 'tsx', 'server/main.ts'];

export async function startServerProcess(dataDir: string, env: Record<string, string> = {}, entry: string[] = fromSources): Promise<ServerProcess> {
  const child = spawn(process.execPath, entry, {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'info', WRITE_BURST: '1000000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  let adminToken = '';
  let adminPassword = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The server did not start within 120 s')), 120000);
    const read = (line: string) => {
      const token = /^\s+(?:API token:\s+)?(icsm_\S+)$/.exec(line);
      if (token !== null) adminToken = token[1] as string;
      const password = /^\s+Password:\s+(\S+)$/.exec(line);
      if (password !== null) adminPassword = password[1] as string;
      const listening = /Listening on (http:\/\/\S+)/.exec(line);
      if (listening !== null) {
        clearTimeout(timer);
        resolve(listening[1] as string);
      }
    };
    createInterface({ input: child.stdout! }).on('line', read);
    createInterface({ input: child.stderr! }).on('line', read);
    void exited.then((code) => reject(new Error(`The server exited (${code}) before it listened`)));
  });
  // Settled before use, as a test server is: the good practice index is rebuilt after listening (health says "starting" until then).
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const health = await fetch(`${url}/api/v1/health`).then((response) => response.json() as Promise<{ status?: string }>, () => null);
    if (health?.status === 'ok') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };
  return {
    url,
    adminToken,
    adminPassword,
    child,
    exited,
    async rssMb() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    },
    stop: () => end('SIGTERM'),
    kill: (signal = 'SIGKILL') => end(signal),
  };
}
