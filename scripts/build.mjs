#!/usr/bin/env node
// Compiles the product (server/ and assessments/, with tsconfig.build.json) to JavaScript under
// build/, which `npm start`, `npm run db:indexes` and the CLI run. Builds only when build/ is
// missing or older than a source, so it is quick when nothing changed. Files the code reads at run
// time (views, assets, templates, rules, reference and demo data) stay where they are: the compiled
// code finds them from the project's root (scripts/project-root.mjs), so there are no copies.
// Run directly (`node scripts/build.mjs`), or import buildIsCurrent()/build().
import { spawn } from 'node:child_process';
import { readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromProjectRoot, projectRoot } from './project-root.mjs';

export const buildDirectory = fromProjectRoot('build');
const config = fromProjectRoot('tsconfig.build.json');
/** Written last, after a build succeeds: its time is the build's. */
const stampName = '.built';

/** Every file whose change means a new build: the compiled folders' TypeScript, the scripts compiled with them, the compiler settings. */
async function sources() {
  const files = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json', 'scripts/project-root.mjs', 'scripts/ensure-ferretdb.mjs'].map((file) => fromProjectRoot(file));
  for (const folder of ['server', 'assessments']) {
    const entries = await readdir(fromProjectRoot(folder), { recursive: true, withFileTypes: true });
    files.push(...entries.filter((entry) => entry.isFile() && /\.m?ts$/.test(entry.name)).map((entry) => join(entry.parentPath, entry.name)));
  }
  return files;
}

/** Whether `outDir` holds a successful build newer than every source. */
export async function buildIsCurrent(outDir = buildDirectory) {
  const built = await stat(join(outDir, stampName)).then((found) => found.mtimeMs, () => null);
  if (built === null) return false;
  for (const file of await sources()) {
    const changed = await stat(file).then((found) => found.mtimeMs, () => Number.POSITIVE_INFINITY);
    if (changed > built) return false;
  }
  return true;
}

/** Compiles into `outDir` afresh (so nothing of a deleted source lingers); rejects if the compiler reports an error. */
export async function build(outDir = buildDirectory) {
  // The stamp carries the time the build began, so a source saved while it ran makes the next start build again.
  const began = new Date();
  await rm(outDir, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const code = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, '--project', config, '--outDir', outDir], { cwd: projectRoot, stdio: 'inherit' });
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`Compiling with ${config} failed (exit code ${code}); see the errors above`);
  const stamp = join(outDir, stampName);
  await writeFile(stamp, `${began.toISOString()}\n`);
  await utimes(stamp, began, began);
}

/** Builds into build/ unless it is current. */
export async function ensureBuild() {
  if (await buildIsCurrent()) return;
  console.error('Compiling the server to build/ (after a change only)…');
  await build();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureBuild().catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
