#!/usr/bin/env node
// Builds the embedded FerretDB (server/db/ferretdb) into .cache/ferretdb/ once, and again only
// when its Go sources change. Needs the Go toolchain; Go modules come from the Go module proxy.
// Run directly (`node scripts/ensure-ferretdb.mjs`) or import ensureFerretDb().
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'server', 'db', 'ferretdb');
const output = join(root, '.cache', 'ferretdb');
const binary = join(output, 'ferretdb');
const stamp = join(output, 'source.sha256');

function sourceHash() {
  const hash = createHash('sha256');
  for (const file of ['main.go', 'go.mod', 'go.sum']) hash.update(file).update(readFileSync(join(source, file)));
  return hash.digest('hex');
}

/** Returns the path of a FerretDB binary built from the current sources, building it if needed. */
export function ensureFerretDb({ quiet = false } = {}) {
  const wanted = sourceHash();
  if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return binary;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error !== undefined || go.status !== 0) {
    throw new Error(
      'The embedded database (FerretDB) is built with Go, and `go` was not found on PATH.\n' +
        'Install Go 1.22 or later (https://go.dev/dl/, or `apt-get install golang`), or set MONGODB_URI to use an existing MongoDB.',
    );
  }
  if (!quiet) console.error(`Building the embedded FerretDB with ${go.stdout.trim()} (first run only; a minute or two)…`);
  mkdirSync(output, { recursive: true });
  execFileSync('go', ['build', '-trimpath', '-o', binary, '.'], {
    cwd: source,
    stdio: quiet ? 'ignore' : ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=readonly' },
  });
  writeFileSync(stamp, wanted);
  if (!quiet) console.error(`Built ${binary}`);
  return binary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    ensureFerretDb();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
