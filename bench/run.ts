// `npm run bench [-- name …]`: runs the benchmarks, prints them and writes bench/results/<name>.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { machine } from './measure.ts';
import { benchApi } from './api.ts';
import { benchNational } from './national.ts';
import { benchReport } from './report.ts';
import { benchScoring } from './scoring.ts';
import { benchSoak } from './soak.ts';

const benchmarks: Record<string, () => Promise<object>> = {
  scoring: () => benchScoring(),
  api: () => benchApi(),
  report: () => benchReport(),
  soak: () => benchSoak(),
  national: () => benchNational(),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}
const results = fileURLToPath(new URL('./results/', import.meta.url));
await mkdir(results, { recursive: true });
for (const name of wanted.length > 0 ? wanted : Object.keys(benchmarks)) {
  console.log(`Running benchmark "${name}"…`);
  const result = { ...(await benchmarks[name]!()), machine: machine() };
  console.log(JSON.stringify(result, null, 2));
  await writeFile(`${results}${name}.json`, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Wrote bench/results/${name}.json`);
}
