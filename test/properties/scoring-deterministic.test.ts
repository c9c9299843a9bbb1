import { expect } from 'chai';
import fc from 'fast-check';
import { rate } from '../../assessments/rating/rate.ts';
import { defaultPackDirectory } from '../../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../../assessments/rule-pack/load-pack.ts';
import type { RulePack } from '../../assessments/rule-pack/rule-pack.ts';
import { scorePerspective } from '../../assessments/scoring/score-perspective.ts';
import { perspectiveEvidenceArbitrary } from '../support/evidence-arbitraries.ts';
import { criterionScores, gateInputs, scoredCriteriaOf } from '../support/rating-arbitraries.ts';

describe('property: the same input gives a byte-identical result (shipped pack)', () => {
  let pack: RulePack;
  let reloaded: RulePack;
  before(async () => {
    [pack, reloaded] = await Promise.all([loadRulePack(defaultPackDirectory), loadRulePack(defaultPackDirectory)]);
  });

  it('rates the same scores and gate to the same JSON, alone or alongside other ratings', async () => {
    await fc.assert(
      fc.asyncProperty(criterionScores(scoredCriteriaOf(pack)), gateInputs, async (scores, gate) => {
        const alone = JSON.stringify(await rate(pack.manifest, scores, gate));
        const together = await Promise.all([rate(reloaded.manifest, structuredClone(scores), gate), rate(pack.manifest, [...scores].reverse(), 'severe'), rate(pack.manifest, scores, gate)]);
        expect(JSON.stringify(together[0])).to.equal(alone);
        expect(JSON.stringify(together[2])).to.equal(alone);
      }),
      { numRuns: 200 },
    );
  });

  it('scores any valid evidence to the same JSON: again, with a freshly loaded pack, and concurrently with other evidence', async () => {
    const evidence = await perspectiveEvidenceArbitrary();
    await fc.assert(
      fc.asyncProperty(evidence, evidence, async (one, other) => {
        const first = JSON.stringify(await scorePerspective(pack, one));
        const [again, , concurrent] = await Promise.all([scorePerspective(reloaded, structuredClone(one)), scorePerspective(pack, other), scorePerspective(pack, one)]);
        expect(JSON.stringify(again)).to.equal(first);
        expect(JSON.stringify(concurrent)).to.equal(first);
      }),
      { numRuns: 100 },
    );
  });
});
