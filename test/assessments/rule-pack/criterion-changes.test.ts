import { expect } from 'chai';
import { join } from 'node:path';
import { packVersionsDirectory } from '../../../assessments/rule-pack/default-pack.ts';
import { criterionChanges } from '../../../assessments/rule-pack/criterion-changes.ts';
import { loadRulePack } from '../../../assessments/rule-pack/load-pack.ts';
import type { RulePack } from '../../../assessments/rule-pack/rule-pack.ts';
import { copyShippedPack } from '../../support/temporary-pack.ts';

describe('criterionChanges: how two versions of a pack differ for a criterion', () => {
  let first: RulePack;
  let second: RulePack;
  before(async () => {
    [first, second] = await Promise.all([loadRulePack(join(packVersionsDirectory, '1.0.0')), loadRulePack(join(packVersionsDirectory, '1.1.0'))]);
  });

  it('finds 1.0.0 → 1.1.0 reworded prevention-shift without changing how it scores', () => {
    const changes = criterionChanges(first, second, 'prevention-shift');
    expect(changes).to.deep.include({ changed: true, scoringChanged: false, from: 'hewitt-3.122 1.0.0', to: 'hewitt-3.122 1.1.0' });
    expect(changes.differences).to.include('Check prevention/ahead-of-line: meaning reworded');
    expect(changes.differences).to.include('Rule prevention-shift/4: summary reworded');
  });

  it('finds no difference for a criterion 1.1.0 left alone', () => {
    expect(criterionChanges(first, second, 'hosc-effectiveness')).to.deep.include({ changed: false, scoringChanged: false, differences: [] });
  });

  it('reports a changed threshold as a scoring change', async () => {
    const copy = await copyShippedPack();
    try {
      await copy.editJson('criteria/hosc-effectiveness.json', (json) => {
        json.parameters.sessionsForExceptional.value = 6;
      });
      const changes = criterionChanges(second, await loadRulePack(copy.directory), 'hosc-effectiveness');
      expect(changes.scoringChanged).to.equal(true);
      expect(changes.differences).to.deep.equal(['Parameter sessionsForExceptional: 4 → 6']);
    } finally {
      await copy.remove();
    }
  });
});
