import { expect } from 'chai';
import { join } from 'node:path';
import { InvalidRulePackError } from '../../../assessments/errors.ts';
import { defaultPackDirectory } from '../../../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../../../assessments/rule-pack/load-pack.ts';
import { copyShippedPack, type TemporaryPack } from '../../support/temporary-pack.ts';

async function loadError(directory: string): Promise<InvalidRulePackError> {
  try {
    await loadRulePack(directory);
  } catch (error) {
    if (error instanceof InvalidRulePackError) return error;
    throw error;
  }
  throw new Error('expected the pack to be refused');
}

describe('loading a rule pack', () => {
  let copy: TemporaryPack;
  beforeEach(async () => {
    copy = await copyShippedPack();
  });
  afterEach(() => copy.remove());

  it('loads the shipped pack with its id, version, sha256 hash and ten criteria (the gate last)', async () => {
    const pack = await loadRulePack(defaultPackDirectory);
    expect(pack.id).to.equal('hewitt-3.122');
    expect(pack.version).to.match(/^\d+\.\d+\.\d+$/);
    expect(pack.hash).to.match(/^sha256:[0-9a-f]{64}$/);
    expect(pack.criteria.map((criterion) => criterion.id)).to.have.length(10);
    expect(pack.criteria.at(-1)?.id).to.equal('financial-management');
    expect(pack.criteria.filter((criterion) => criterion.kind === 'gate')).to.have.length(1);
  });

  it('gives the same hash for the same content and a different hash for changed content', async () => {
    const shipped = await loadRulePack(defaultPackDirectory);
    expect((await loadRulePack(copy.directory)).hash).to.equal(shipped.hash);
    await copy.editJson('criteria/hosc-effectiveness.json', (json) => {
      json.parameters.sessionsForGood.value = 3;
    });
    expect((await loadRulePack(copy.directory)).hash).to.not.equal(shipped.hash);
  });

  it('names the file and the position when a file is not valid JSON', async () => {
    await copy.writeText('criteria/learning-culture.json', '{ "id": "learning-culture", ');
    const error = await loadError(copy.directory);
    expect(error.issues).to.have.length(1);
    expect(error.issues[0]?.file).to.equal(join(copy.directory, 'criteria/learning-culture.json'));
    expect(error.issues[0]?.path).to.equal('$');
    expect(error.issues[0]?.message).to.match(/^is not valid JSON/);
  });

  it('names the file and the JSON path of every schema violation at once', async () => {
    await copy.editJson('criteria/hosc-effectiveness.json', (json) => {
      json.checks[2].citation = 'paragraph 3.29';
      json.rules[1].event.params.score = 5;
    });
    await copy.editJson('manifest.json', (json) => {
      json.version = 'one';
    });
    const manifestError = await loadError(copy.directory);
    expect(manifestError.message).to.contain('manifest.json at $.version: Use a semantic version such as 1.0.0');
    await copy.editJson('manifest.json', (json) => {
      json.version = '1.0.0';
    });
    const error = await loadError(copy.directory);
    expect(error.issues.map((issue) => issue.path)).to.deep.equal(['$.checks[2].citation', '$.rules[1].event.params.score']);
    expect(error.message).to.contain('criteria/hosc-effectiveness.json at $.checks[2].citation: Cite a paragraph of the source, e.g. "¶3.122"');
  });

  it('reports the manifest schema and semantic errors with JSON paths', async () => {
    await copy.editJson('manifest.json', (json) => {
      json.ratings[1].minPercent = 40;
    });
    const error = await loadError(copy.directory);
    expect(error.message).to.contain('manifest.json at $.ratings[1].minPercent: bands must be contiguous: expected 39');
  });

  it('refuses a check on an unknown fact, an unknown operator, an unknown parameter and a rule citing an unknown check', async () => {
    await copy.editJson('criteria/hosc-effectiveness.json', (json) => {
      json.checks[0].condition.fact = 'councilsCoverd';
      json.checks[1].condition.operator = 'moreThan';
      json.checks[2].condition.value = { fact: 'param:sessionsForExcellence' };
      json.rules[0].conditions.all[0].condition = 'hosc/everything';
    });
    const error = await loadError(copy.directory);
    const messages = error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    expect(messages).to.have.length(4);
    expect(messages[0]).to.match(/^\$\.checks\[0\]\.condition\.fact: unknown fact "councilsCoverd"/);
    expect(messages[1]).to.match(/^\$\.checks\[1\]\.condition\.operator: unknown operator "moreThan"/);
    expect(messages[2]).to.match(/^\$\.checks\[2\]\.condition\.value\.fact: "param:sessionsForExcellence" is not one of this file's parameters/);
    expect(messages[3]).to.equal('$.rules[0].conditions: refers to the check "hosc/everything", which $.checks does not define');
    expect(error.issues.every((issue) => issue.file.endsWith('criteria/hosc-effectiveness.json'))).to.equal(true);
  });

  it('refuses a manifest naming a criterion file that does not exist', async () => {
    await copy.editJson('manifest.json', (json) => {
      json.criteria.push({ id: 'workforce', file: 'criteria/workforce.json' });
    });
    const error = await loadError(copy.directory);
    expect(error.message).to.contain('criteria/workforce.json at $: cannot be read (ENOENT)');
  });
});
