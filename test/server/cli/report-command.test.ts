import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentWithProfile, evidenceByOutcome } from '../../support/evidence-from-cases.ts';
import { pdfInfo, pdfText } from '../../support/pdf-tools.ts';
import { demoFixture, storeFixture } from '../../support/report-fixtures.ts';
import { startTestServer } from '../../support/test-server.ts';
import { runCli } from '../../support/run-cli.ts';

describe('ics-maturity report (real Chromium)', function () {
  this.timeout(120000);
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ics-cli-report-'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('report --evidence writes the report of a scoring document, without a database', async () => {
    const evidence = join(folder, 'evidence.json');
    const profile = { 'partner-engagement': 3, 'strategy-and-plans': 3, 'place-and-neighbourhood': 2, 'prevention-shift': 3, 'regional-support': 1, 'priorities-in-practice': 3, 'mutual-accountability': 3, 'learning-culture': 3, 'hosc-effectiveness': 3, 'financial-management': 'well-managed' };
    await writeFile(evidence, JSON.stringify(documentWithProfile(await evidenceByOutcome(), profile)));
    const output = join(folder, 'from-file.pdf');
    const { code, stdout } = await runCli(['report', '--evidence', evidence, '-o', output], { PROTECTIVE_MARKING: 'OFFICIAL-SENSITIVE' });
    expect(code).to.equal(0);
    expect(stdout).to.match(/^Wrote .+from-file\.pdf \(\d+ KB\)\n$/);
    const pdf = await readFile(output);
    expect(await pdfInfo(pdf)).to.include({ Tagged: 'yes', Title: 'ICS maturity calibration report: NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board, 2025/26' });
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).to.contain('Scored from a file (not a stored assessment)').and.to.contain('OFFICIAL-SENSITIVE').and.to.contain('24 of 36 points = 67%').and.to.contain('Capped at Requires improvement.');
  });

  it('report <assessment-id> writes the report of a stored assessment from the embedded database under DATA_DIR', async () => {
    const api = await startTestServer();
    let id: string;
    try {
      id = await storeFixture((method, path, body) => api.call(api.adminToken, method, path, body), await demoFixture());
    } finally {
      await api.stop({ keepData: true });
    }
    try {
      const output = join(folder, 'stored.pdf');
      const { code } = await runCli(['report', id, '-o', output], { DATA_DIR: api.dataDir });
      expect(code).to.equal(0);
      const text = (await pdfText(await readFile(output))).replace(/\s+/g, ' ');
      expect(text).to.contain('Self-assessment, Peer review and Assessor').and.to.contain('The panel agreed 2');
      const missing = await runCli(['report', '00000000-0000-4000-8000-000000000000', '-o', join(folder, 'missing.pdf')], { DATA_DIR: api.dataDir });
      expect(missing.code).to.equal(1);
      expect(missing.stderr).to.contain('There is no assessment 00000000-0000-4000-8000-000000000000');
    } finally {
      await rm(api.dataDir, { recursive: true, force: true });
    }
  });

  it('says how to use it when the output or the input is missing (exit 2), and refuses invalid evidence (exit 1)', async () => {
    expect((await runCli(['report', '--evidence', 'x.json'])).code).to.equal(2);
    const both = await runCli(['report', 'some-id', '--evidence', 'x.json', '-o', 'x.pdf']);
    expect(both.code).to.equal(2);
    expect(both.stderr).to.contain('report takes either one assessment id or --evidence <file.json>.');
    const invalid = join(folder, 'invalid.json');
    await writeFile(invalid, JSON.stringify({ system: 'QOX', period: '2025/27', perspective: 'self', criteria: {} }));
    const refused = await runCli(['report', '--evidence', invalid, '-o', join(folder, 'invalid.pdf')]);
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.contain('period');
  });
});
