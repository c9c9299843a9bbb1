import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ensureFerretDb } from '../../scripts/ensure-ferretdb.mjs';
import type { Logger } from '../log.ts';

export interface EmbeddedFerretDb {
  uri: string;
  port: number;
  pid: number;
  /** Settles with the exit code when the process ends, for whatever reason. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Data lives in <dataDir>/ferretdb/ (SQLite files); the log in <dataDir>/ferretdb.log. */
  dataDir: string;
  /** A fixed port (to come back on the same address after a restart); 0 picks a free one. */
  port?: number;
  log?: Logger;
  startTimeoutMs?: number;
}

/**
 * Starts FerretDB with its SQLite backend on loopback, building it first if needed, and resolves
 * once it accepts connections. The process is stopped with SIGTERM (SIGKILL after 3 s: FerretDB waits for idle clients, and SQLite is safe against a kill) by
 * `stop()`, and killed if this Node process exits first.
 */
export async function startEmbeddedFerretDb({ dataDir, port = 0, log, startTimeoutMs = 30000 }: EmbeddedOptions): Promise<EmbeddedFerretDb> {
  const binary = ensureFerretDb();
  await mkdir(join(dataDir, 'ferretdb'), { recursive: true });
  const logFile = join(dataDir, 'ferretdb.log');
  const logStream = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(binary, ['-listen', `127.0.0.1:${port}`, '-sqlite-dir', join(dataDir, 'ferretdb'), '-log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.pipe(logStream);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      process.removeListener('exit', killOnExit);
      logStream.end();
      resolve(code);
    });
  });
  exited.then((code) => log?.debug('Embedded FerretDB exited', { code }));

  const uri = await new Promise<string>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => fail(`did not start within ${startTimeoutMs / 1000} s`), startTimeoutMs);
    const lines = createInterface({ input: child.stdout });
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      readFile(logFile, 'utf8')
        .catch(() => '')
        .then((text) => reject(new Error(`The embedded FerretDB ${why}. Last lines of ${logFile}:\n${text.split('\n').slice(-15).join('\n')}`)));
    };
    lines.on('line', (line) => {
      if (settled || !line.startsWith('LISTENING ')) return;
      settled = true;
      clearTimeout(timer);
      resolve(line.slice('LISTENING '.length).trim());
    });
    child.once('error', (error) => fail(`could not be run (${error.message})`));
    exited.then((code) => fail(`exited with code ${code} while starting`));
  });

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  return { uri, port: Number(new URL(uri).port), pid: child.pid as number, exited, stop };
}
