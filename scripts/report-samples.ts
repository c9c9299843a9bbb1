// `node --import tsx scripts/report-samples.ts`: writes the sample report models the template tests
// render (report-templates/samples/<name>.json), each built by scoring the rule pack's own case
// evidence for real (test/support/report-fixtures.ts), never written by hand.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildReportModel } from '../assessments/report-model/build-report-model.ts';
import { defaultPackDirectory } from '../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../assessments/rule-pack/load-pack.ts';
import { reportFixtures, reportInputOf } from '../test/support/report-fixtures.ts';

const folder = fileURLToPath(new URL('../report-templates/samples/', import.meta.url));
const pack = await loadRulePack(defaultPackDirectory);
for (const [name, fixture] of Object.entries(reportFixtures)) {
  const model = await buildReportModel(await reportInputOf(await fixture(), pack));
  await writeFile(`${folder}${name}.json`, `${JSON.stringify(model, null, 2)}\n`);
  console.log(`Wrote report-templates/samples/${name}.json`);
}
