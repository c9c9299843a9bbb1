import { expect } from 'chai';
import { buildReportModel } from '../../../assessments/report-model/build-report-model.ts';
import { defaultPackDirectory } from '../../../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../../../assessments/rule-pack/load-pack.ts';
import type { RulePack } from '../../../assessments/rule-pack/rule-pack.ts';
import { gateCappedFixture, reportInputOf } from '../../support/report-fixtures.ts';

/** Issue 14: a report cover said "Published" beside "Indicative — not a published rating". */
describe('the report cover’s status words agree with the calibration marking', () => {
  const statusOn = async (pack: RulePack) => {
    const model = await buildReportModel(await reportInputOf({ ...(await gateCappedFixture()), status: 'published' }, pack));
    return { label: model.cover.calibrationLabel, status: model.cover.facts.find((fact) => fact.term === 'Status')?.value };
  };

  it('in calibration mode a released assessment is "Moderated and released for calibration", never "Published"', async () => {
    const { label, status } = await statusOn(await loadRulePack(defaultPackDirectory));
    expect(label).to.equal('Indicative — not a published rating');
    expect(status).to.equal('Moderated and released for calibration');
  });

  it('out of calibration mode a published assessment is "Published"', async () => {
    const pack = await loadRulePack(defaultPackDirectory);
    const { label, status } = await statusOn({ ...pack, manifest: { ...pack.manifest, calibrationMode: { ...pack.manifest.calibrationMode, enabled: false } } });
    expect(label).to.equal(null);
    expect(status).to.equal('Published');
  });
});
