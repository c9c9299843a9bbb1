#!/usr/bin/env node
// The command-line entry point: runs the compiled CLI under build/ when that build is current
// (after `npm start` or `npm run build`), else the TypeScript sources through tsx, so no build step is needed.
import { buildIsCurrent } from '../scripts/build.mjs';

async function cli() {
  if (await buildIsCurrent()) return import('../build/server/cli/main.js');
  const { register } = await import('tsx/esm/api');
  register();
  return import('../server/cli/main.ts');
}

const { main } = await cli();
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
