import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentWithProfile, evidenceByOutcome } from '../../support/evidence-from-cases.ts';
import { copyShippedPack } from '../../support/temporary-pack.ts';
import { runCli } from '../../support/run-cli.ts';

const run = (...args: string[]) => runCli(args);

describe('the ics-maturity command line', function () {
  this.timeout(60000);
  let folder: string;
  let evidenceFile: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ics-cli-'));
    evidenceFile = join(folder, 'evidence.json');
    const profile = { 'partner-engagement': 3, 'strategy-and-plans': 3, 'place-and-neighbourhood': 2, 'prevention-shift': 3, 'regional-support': 1, 'priorities-in-practice': 3, 'mutual-accountability': 3, 'learning-culture': 3, 'hosc-effectiveness': 3, 'financial-management': 'well-managed' };
    await writeFile(evidenceFile, JSON.stringify(documentWithProfile(await evidenceByOutcome(), profile)));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('score prints the rating with its reasons as text (exit 0)', async () => {
    const { code, stdout } = await run('score', evidenceFile);
    expect(code).to.equal(0);
    expect(stdout).to.contain('Indicative — not a published rating');
    expect(stdout).to.contain('Rating: Requires improvement');
    expect(stdout).to.contain('Score: 24 of 36 = 67% — Good band (63–87%), lower half');
    expect(stdout).to.contain('Capped at Requires improvement: A criterion scored 1 (significant shortfalls)');
    expect(stdout).to.contain('[regional-support]');
    expect(stdout).to.match(/hosc-effectiveness: 3\n {4}.+\[rule hosc-effectiveness\/3, ¶3\.29\]/);
  });

  it('score --format json prints the whole result with the pack id, version and hash', async () => {
    const { code, stdout } = await run('score', evidenceFile, '--format', 'json');
    expect(code).to.equal(0);
    const result = JSON.parse(stdout);
    expect(result.pack).to.include({ id: 'hewitt-3.122' });
    expect(result.pack.hash).to.match(/^sha256:/);
    expect(result.rating.final.id).to.equal('requires-improvement');
    expect(result.criteria).to.have.length(10);
    expect(result.criteria[0].trace.length).to.be.greaterThan(0);
  });

  it('score --pack uses another pack folder', async () => {
    const copy = await copyShippedPack();
    try {
      await copy.editJson('manifest.json', (json) => {
        json.limiters = json.limiters.filter((limiter: { name: string }) => limiter.name !== 'limiter/one-criterion-at-1');
      });
      const { code, stdout } = await run('score', evidenceFile, '--pack', copy.directory);
      expect(code).to.equal(0);
      expect(stdout).to.contain('Rating: Good');
    } finally {
      await copy.remove();
    }
  });

  it('exits 1 and lists the field errors for invalid evidence', async () => {
    const bad = join(folder, 'bad.json');
    await writeFile(bad, JSON.stringify({ system: 'QOX', period: '2025/26', perspective: 'self', criteria: { 'hosc-effectiveness': { indicators: { systemSessions: { value: -1, source: 'x', asAt: '2025-01-01' } } } } }));
    const { code, stderr } = await run('score', bad);
    expect(code).to.equal(1);
    expect(stderr).to.contain('criteria.hosc-effectiveness.indicators.systemSessions.value: Enter 0 or more');
  });

  it('exits 1 for a file that is not JSON', async () => {
    const bad = join(folder, 'bad.txt');
    await writeFile(bad, 'not json');
    expect((await run('score', bad)).code).to.equal(1);
  });

  it('exits 2 for usage errors: no command, unknown option, bad format, missing file', async () => {
    expect((await run()).code).to.equal(2);
    expect((await run('score', evidenceFile, '--colour')).code).to.equal(2);
    expect((await run('score', evidenceFile, '--format', 'xml')).code).to.equal(2);
    const missing = await run('score', join(folder, 'nowhere.json'));
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.contain('Cannot read');
  });

  it('validate-pack runs the cases of every shipped version (exit 0) and fails a broken copy (exit 1)', async () => {
    const good = await run('validate-pack');
    expect(good.code).to.equal(0);
    expect(good.stdout).to.match(/hewitt-3\.122 1\.0\.0 \(sha256:[0-9a-f]{64}\): \d+ passed, 0 failed, 0 coverage gaps/);
    expect(good.stdout).to.match(/hewitt-3\.122 1\.1\.0 \(sha256:[0-9a-f]{64}\): \d+ passed, 0 failed, 0 coverage gaps/);
    const copy = await copyShippedPack();
    try {
      await copy.editJson('criteria/hosc-effectiveness.json', (json) => {
        json.parameters.sessionsForExceptional.value = 40;
      });
      const broken = await run('validate-pack', copy.directory);
      expect(broken.code).to.equal(1);
      expect(broken.stdout).to.contain('FAIL cases/hosc-effectiveness.json: 4: whole footprint, quarterly sessions, 90% on time, strategy scrutinised');
    } finally {
      await copy.remove();
    }
  });

  it('evidence-schema prints JSON Schema', async () => {
    const { code, stdout } = await run('evidence-schema', 'hosc-effectiveness');
    expect(code).to.equal(0);
    expect(JSON.parse(stdout).properties.indicators.properties.systemSessions.description).to.be.a('string');
  });
});
