import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/** The product's server, started as its own process (so its memory is its own) on a fresh data folder. */
export interface ServerProcess {
  url: string;
  adminToken: string;
  child: ChildProcess;
  /** Resident memory of the server process in MB (from /proc). */
  rssMb(): Promise<number>;
  stop(): Promise<void>;
}

export async function startServerProcess(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let adminToken = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The server did not start within 120 s')), 120000);
    const read = (line: string) => {
      const token = /^\s+(icsm_\S+)$/.exec(line);
      if (token !== null) adminToken = token[1] as string;
      const listening = /Listening on (http:\/\/\S+)/.exec(line);
      if (listening !== null) {
        clearTimeout(timer);
        resolve(listening[1] as string);
      }
    };
    createInterface({ input: child.stdout! }).on('line', read);
    createInterface({ input: child.stderr! }).on('line', read);
    child.once('exit', (code) => reject(new Error(`The server exited with code ${code}`)));
  });
  return {
    url,
    adminToken,
    child,
    async rssMb() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
