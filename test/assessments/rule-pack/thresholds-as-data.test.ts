import { expect } from 'chai';
import { parsePerspectiveEvidence } from '../../../assessments/evidence/perspective-evidence.ts';
import { defaultPackDirectory } from '../../../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../../../assessments/rule-pack/load-pack.ts';
import { scorePerspective } from '../../../assessments/scoring/score-perspective.ts';
import { evidenceDocument, hoscEvidenceScoring4 } from '../../support/evidence.ts';
import { copyShippedPack } from '../../support/temporary-pack.ts';

describe('thresholds are pack data, not code', () => {
  it('scores the same evidence differently when a copied pack changes its thresholds and bands', async () => {
    const evidence = parsePerspectiveEvidence(evidenceDocument({ 'hosc-effectiveness': hoscEvidenceScoring4() }));
    const shipped = await scorePerspective(await loadRulePack(defaultPackDirectory), evidence);
    const copy = await copyShippedPack();
    try {
      await copy.editJson('criteria/hosc-effectiveness.json', (json) => {
        json.parameters.sessionsForExceptional.value = 6;
      });
      await copy.editJson('manifest.json', (json) => {
        json.version = '1.1.0-stricter';
        json.calibrationMode.enabled = false;
      });
      const changed = await scorePerspective(await loadRulePack(copy.directory), evidence);

      const hosc = (result: typeof shipped) => result.criteria.find((criterion) => criterion.criterion === 'hosc-effectiveness');
      expect(hosc(shipped)?.proposed).to.deep.equal({ score: 4 });
      expect(hosc(changed)?.proposed).to.deep.equal({ score: 3 });
      const sessions = hosc(changed)?.findings.find((finding) => finding.check === 'hosc/sessions-exceptional');
      expect(sessions).to.include({ value: 4, threshold: 6, parameter: 'sessionsForExceptional', met: false });
      expect(shipped.rating.calibrationLabel).to.equal('Indicative — not a published rating');
      expect(changed.rating.calibrationLabel).to.equal(null);
      expect(changed.pack.version).to.equal('1.1.0-stricter');
      expect(changed.pack.hash).to.not.equal(shipped.pack.hash);
    } finally {
      await copy.remove();
    }
  });
});
