#!/usr/bin/env node
// Builds the embedded FerretDB (server/db/ferretdb) into .cache/ferretdb/ once, and again only
// when its Go sources change. Needs the Go toolchain; Go modules come from the Go module proxy.
// Run directly (`node scripts/ensure-ferretdb.mjs`) or import ensureFerretDb().
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from './project-root.mjs';

const source = join(projectRoot, 'server', 'db', 'ferretdb');
const output = join(projectRoot, '.cache', 'ferretdb');
const binary = join(output, 'ferretdb');
const stamp = join(output, 'source.sha256');

const noGo =
  'The embedded database (FerretDB) is built from source with Go, and `go` was not found on PATH.\n' +
  'Install Go 1.24 or later (https://go.dev/dl/, or your package manager) and try again,\n' +
  'or set MONGODB_URI to use an existing MongoDB instead of the embedded database.';

async function sourceHash() {
  const hash = createHash('sha256');
  for (const file of ['main.go', 'go.mod', 'go.sum']) hash.update(file).update(await readFile(join(source, file)));
  return hash.digest('hex');
}

/** Runs `go args…` in the FerretDB source folder; resolves with its stdout, rejects on failure. */
function go(args) {
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, {
      cwd: source,
      stdio: ['ignore', 'pipe', 'inherit'],
      // go.sum is committed, so -mod=readonly makes the build reproducible; the SQLite driver
      // (modernc.org/sqlite) is pure Go, so no C toolchain is needed.
      env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=readonly' },
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.once('error', (error) => reject(error.code === 'ENOENT' ? new Error(noGo) : error));
    child.once('close', (code) => (code === 0 ? resolve(stdout.trim()) : reject(new Error(`\`go ${args.join(' ')}\` failed with exit code ${code}`))));
  });
}

/** Resolves with the path of a FerretDB binary built from the current sources, building it if needed. */
export async function ensureFerretDb() {
  const wanted = await sourceHash();
  const built = await readFile(stamp, 'utf8').catch(() => null);
  const present = await stat(binary).then(() => true, () => false);
  if (present && built === wanted) return binary;

  const version = await go(['version']);
  console.error(`Building embedded FerretDB with ${version} (first run only, ~1-3 min)…`);
  await mkdir(output, { recursive: true });
  // Build to a private name and rename, so a concurrent run never sees a half-written binary.
  const partial = `${binary}.${process.pid}.partial`;
  try {
    await go(['build', '-trimpath', '-buildvcs=false', '-o', partial, '.']);
    await rename(partial, binary);
  } finally {
    await rm(partial, { force: true });
  }
  await writeFile(stamp, wanted);
  console.error(`Built ${binary}`);
  return binary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureFerretDb().catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
