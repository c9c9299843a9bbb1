import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import mongoose from 'mongoose';
import { ensureFerretDb } from '../../scripts/ensure-ferretdb.mjs';
import type { Logger } from '../log.ts';

export interface EmbeddedFerretDb {
  /** For example `mongodb://127.0.0.1:40123/`. */
  uri: string;
  port: number;
  pid: number;
  /** Settles with the exit code (null if killed by a signal) when the process ends, for whatever reason. */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL if it has not exited within `stopTimeoutMs`; resolves once it has exited. */
  stop(): Promise<void>;
}

export interface EmbeddedFerretDbOptions {
  /** The SQLite files live in <dataDir>/ferretdb/, the log in <dataDir>/ferretdb.log. */
  dataDir: string;
  /** A fixed loopback port (to come back on the same address after a restart); 0, the default, picks a free one. */
  port?: number;
  log?: Logger;
  startTimeoutMs?: number;
  /** FerretDB gives open client connections up to 3 s to finish before it exits. */
  stopTimeoutMs?: number;
}

/**
 * Starts FerretDB with its SQLite backend on 127.0.0.1, building it first if needed, and resolves
 * once it answers a `hello` command. The process is also killed if this Node process exits first.
 */
export async function startEmbeddedFerretDb({ dataDir, port = 0, log, startTimeoutMs = 30_000, stopTimeoutMs = 10_000 }: EmbeddedFerretDbOptions): Promise<EmbeddedFerretDb> {
  const binary = await ensureFerretDb();
  const sqliteDir = join(dataDir, 'ferretdb');
  const logFile = join(dataDir, 'ferretdb.log');
  await ownerOnly(dataDir, sqliteDir);
  const logStream = createWriteStream(logFile, { flags: 'a', mode: 0o600 });
  // The binary itself listens on the port asked for (0: the kernel picks a free one) and prints
  // "LISTENING <uri>" once bound, so there is no window in which another process can take the port.
  // Its standard input is a pipe this process holds open and never writes to: when this process
  // ends in any way, even SIGKILL, the pipe closes and FerretDB stops (-exit-with-parent), so no
  // orphaned database keeps the files open under the next start.
  // It runs under umask 077 (the shell execs it, so the pid is FerretDB's own), so the SQLite
  // files it makes, journals included, are its owner's alone: they hold password hashes.
  const args = ['-listen', `127.0.0.1:${port}`, '-sqlite-dir', sqliteDir, '-log-level', 'error', '-exit-with-parent'];
  const child = spawn('/bin/sh', ['-c', 'umask 077 && exec "$0" "$@"', binary, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => undefined);
  child.stderr.pipe(logStream);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let stopping = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once('close', (code, signal) => {
      process.removeListener('exit', killOnExit);
      child.stdin.destroy();
      if (!stopping) log?.error('The embedded FerretDB exited unexpectedly', { code, signal, log: logFile });
      logStream.end(() => resolve(code));
    });
  });

  let timer: NodeJS.Timeout | undefined;
  let uri: string;
  try {
    uri = await Promise.race([
      answering(child, startTimeoutMs),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`did not answer within ${startTimeoutMs / 1000} s`)), startTimeoutMs))),
      exited.then((code) => Promise.reject(new Error(`exited with code ${code} while starting`))),
      once(child, 'error').then(([error]: Error[]) => Promise.reject(new Error(`could not be run (${error?.message})`))),
    ]);
  } catch (error) {
    stopping = true;
    child.kill('SIGKILL');
    await exited;
    const tail = (await readFile(logFile, 'utf8').catch(() => '')).trimEnd().split('\n').slice(-20).join('\n');
    throw new Error(`The embedded FerretDB (${binary}) ${(error as Error).message}. Last lines of ${logFile}:\n${tail}`);
  } finally {
    clearTimeout(timer);
  }

  const stop = async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
    await exited;
    clearTimeout(killer);
  };
  return { uri, port: Number(new URL(uri).port), pid: child.pid!, exited, stop };
}

/**
 * Makes the data folder and the SQLite folder readable by this user alone (0700), and every file
 * already in them 0600, so that data written by an earlier version, when they were 0644, is closed too.
 */
async function ownerOnly(dataDir: string, sqliteDir: string): Promise<void> {
  await mkdir(sqliteDir, { recursive: true, mode: 0o700 });
  for (const folder of [dataDir, sqliteDir]) {
    await chmod(folder, 0o700);
    for (const entry of await readdir(folder, { withFileTypes: true })) if (entry.isFile()) await chmod(join(folder, entry.name), 0o600);
  }
}

/** Resolves with the URI the binary reports once it listens, after a real `hello` has succeeded there. */
async function answering(child: ChildProcessByStdio<Writable, Readable, Readable>, timeoutMs: number): Promise<string> {
  // If the process dies first, this never settles: the caller races it against the exit.
  const uri = await new Promise<string>((resolve) => {
    // The interface keeps reading after the line, so the pipe never fills up nor holds up 'close'.
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('LISTENING ')) resolve(line.slice('LISTENING '.length).trim());
    });
  });
  const client = new mongoose.mongo.MongoClient(uri, { directConnection: true, serverSelectionTimeoutMS: timeoutMs });
  try {
    await client.db('admin').command({ hello: 1 });
  } finally {
    await client.close();
  }
  return uri;
}
