import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
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

  describe('as documented (issue 14)', () => {
    /** The README's own example scoring document, read from the README. */
    const readmeExample = async () => {
      const readme = await readFile(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
      const block = /An evidence file is one perspective's view[\s\S]*?```json\n([\s\S]*?)\n```/.exec(readme)?.[1];
      expect(block, 'the README example').to.be.a('string');
      return JSON.parse(block as string) as Record<string, unknown>;
    };

    it('evidence-schema accepts every document score accepts: the README example, judgements included', async () => {
      const example = await readmeExample();
      expect(example.judgements).to.be.an('object');
      const file = join(folder, 'readme-example.json');
      await writeFile(file, JSON.stringify(example));
      expect((await run('score', file)).code).to.equal(0);
      const { stdout } = await run('evidence-schema');
      const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(stdout));
      expect(validate(example), JSON.stringify(validate.errors)).to.equal(true);
      expect(validate({ ...example, judgements: { 'financial-management': { decision: 'override-gate', status: 'severe', rationale: 'The year closed 3% of allocation adverse to plan.' } } })).to.equal(true);
      expect(validate({ ...example, surplus: 1 }), 'still refuses what score refuses').to.equal(false);
    });

    it('help shows how to override the finance gate, and the error for a gate overridden with a score names the way', async () => {
      expect((await run('help')).stdout).to.contain('"decision": "override-gate"').and.to.contain('financial-management');
      const file = join(folder, 'gate-override.json');
      const document = documentWithProfile(await evidenceByOutcome(), { 'financial-management': 'well-managed' });
      await writeFile(file, JSON.stringify({ ...document, judgements: { 'financial-management': { decision: 'override', score: 2, rationale: 'The finances are not as good as the indicators say.' } } }));
      const { code, stderr } = await run('score', file);
      expect(code).to.equal(1);
      expect(stderr).to.contain('override-gate').and.to.contain('"status"');
    });

    it('a criterion with no evidence overridden to a score is allowed, and the output says it rests on judgement alone', async () => {
      const file = join(folder, 'judgement-alone.json');
      const document = documentWithProfile(await evidenceByOutcome(), { 'partner-engagement': 3 });
      await writeFile(file, JSON.stringify({ ...document, judgements: { 'hosc-effectiveness': { decision: 'override', score: 3, rationale: 'The panel observed two system sessions in person.' } } }));
      const { code, stdout } = await run('score', file);
      expect(code).to.equal(0);
      expect(stdout).to.match(/hosc-effectiveness: 3 \(judgement alone: no evidence the rules could assess; The panel observed/);
    });
  });
});
