#!/usr/bin/env node
// Makes sure the PDF report's tools are installed: Debian's Chromium (which renders the report),
// poppler-utils (pdfinfo, pdftotext, pdftoppm: the report tests and screenshots read PDFs with
// them) and the Liberation fonts (metric-compatible with Arial, the report's typeface). When one
// is missing and this runs as root on Debian or Ubuntu, it installs them with apt-get; otherwise
// it says what to install. Idempotent: when everything is there it does nothing.
// Run directly (`node scripts/ensure-chromium.mjs`); the `pretest` npm script calls it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const needs = [
  { package: 'chromium', present: () => existsSync(chromium), what: `Chromium at ${chromium}` },
  { package: 'poppler-utils', present: () => ['pdfinfo', 'pdftotext', 'pdftoppm'].every(onPath), what: 'pdfinfo, pdftotext and pdftoppm' },
  { package: 'fonts-liberation', present: () => existsSync('/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf'), what: 'the Liberation fonts' },
];

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function run(command, args) {
  process.stderr.write(`ensure-chromium: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

const missing = needs.filter((need) => !need.present());
if (missing.length > 0) {
  const packages = missing.map((need) => need.package);
  process.stderr.write(`ensure-chromium: the PDF report needs ${missing.map((need) => need.what).join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not installed.\n`);
  const canInstall = typeof process.getuid === 'function' && process.getuid() === 0 && onPath('apt-get');
  const installed = canInstall && run('apt-get', ['update']) && run('apt-get', ['install', '-y', '--no-install-recommends', ...packages]);
  const still = needs.filter((need) => !need.present());
  if (!installed || still.length > 0) {
    process.stderr.write(
      `ensure-chromium: could not install ${packages.join(', ')}${canInstall ? '' : ' (installing needs root and apt-get)'}.\n` +
        `Install them with your package manager, e.g. as root on Debian or Ubuntu:\n` +
        `  apt-get update && apt-get install -y ${packages.join(' ')}\n` +
        `or point CHROMIUM_PATH at another Chromium or Chrome.\n`,
    );
    process.exit(1);
  }
  process.stderr.write(`ensure-chromium: installed ${packages.join(', ')}.\n`);
}
