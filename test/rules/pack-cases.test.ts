import { expect } from 'chai';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { packVersionsDirectory } from '../../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../../assessments/rule-pack/load-pack.ts';
import { packVersionFolders } from '../../assessments/rule-pack/pack-versions.ts';
import { runPackCases } from '../../assessments/rule-pack/run-cases.ts';
import { copyShippedPack } from '../support/temporary-pack.ts';

describe('rule pack hewitt-3.122: its cases', () => {
  for (const folder of packVersionFolders(packVersionsDirectory)) {
    it(`${basename(folder)}: passes every case and covers every criterion at every outcome`, async () => {
      const pack = await loadRulePack(folder);
      const report = await runPackCases(folder, pack);
      const failures = report.outcomes.filter((outcome) => outcome.failures.length > 0).map((outcome) => `${outcome.file} ${outcome.name}: ${outcome.failures.join('; ')}`);
      expect(failures, failures.join('\n')).to.deep.equal([]);
      expect(report.coverageGaps).to.deep.equal([]);
      expect(report.outcomes.length).to.be.greaterThan(60);
      expect(report.passed).to.equal(true);
    });
  }

  it('1.1.0’s cases fail under 1.0.0 exactly where the finding at the prevention tolerance edge was reworded', async () => {
    const report = await runPackCases(join(packVersionsDirectory, '1.1.0'), await loadRulePack(join(packVersionsDirectory, '1.0.0')));
    const failed = report.outcomes.filter((outcome) => outcome.failures.length > 0);
    expect(failed.map((outcome) => outcome.name)).to.deep.equal([
      '3: a 0.7-point rise against a 0.6-point line is on the line, and its finding does not say the share is not rising faster (1.1.0)',
      '4: a 0.8-point rise against a 0.6-point line is ahead of it by more than the tolerance (1.1.0)',
    ]);
    expect(failed[0]?.failures[0]).to.contain('got "The prevention share is not rising faster than the review\'s ambition of 1 percentage point over 5 years."');
  });

  it('fails a pack in which a criterion has no cases', async () => {
    const copy = await copyShippedPack();
    try {
      await rm(join(copy.directory, 'cases', 'hosc-effectiveness.json'));
      const pack = await loadRulePack(copy.directory);
      const report = await runPackCases(copy.directory, pack);
      expect(report.passed).to.equal(false);
      expect(report.coverageGaps).to.deep.equal(['hosc-effectiveness has no case expecting 1, 2, 3, 4, not-assessed']);
    } finally {
      await copy.remove();
    }
  });

  it('fails a case whose expectation is wrong, naming the case and the difference', async () => {
    const copy = await copyShippedPack();
    try {
      await copy.editJson('cases/rating.json', (json) => {
        json.cases[0].expect.rating.final = 'outstanding';
      });
      const report = await runPackCases(copy.directory, await loadRulePack(copy.directory));
      const failed = report.outcomes.filter((outcome) => outcome.failures.length > 0);
      expect(failed).to.have.length(1);
      expect(failed[0]?.file).to.equal(join('cases', 'rating.json'));
      expect(failed[0]?.failures).to.deep.equal(['rating final: expected "outstanding", got "good"']);
    } finally {
      await copy.remove();
    }
  });
});
