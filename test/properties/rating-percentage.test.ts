import { expect } from 'chai';
import fc from 'fast-check';
import { rate } from '../../assessments/rating/rate.ts';
import { defaultPackDirectory } from '../../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../../assessments/rule-pack/load-pack.ts';
import type { RulePack } from '../../assessments/rule-pack/rule-pack.ts';
import { criterionScores, gateInputs, scoredCriteriaOf } from '../support/rating-arbitraries.ts';

describe('property: the percentage stays within 25–100 and lies in its band (shipped pack)', () => {
  let pack: RulePack;
  before(async () => {
    pack = await loadRulePack(defaultPackDirectory);
  });

  it('is a whole number from 25 to 100 inside its band whenever a criterion is assessed, and absent (no band, no rating) otherwise', async () => {
    await fc.assert(
      fc.asyncProperty(criterionScores(scoredCriteriaOf(pack)), gateInputs, async (scores, gate) => {
        const rating = await rate(pack.manifest, scores, gate);
        if (scores.every((entry) => entry.score === null)) {
          expect(rating.percentage).to.equal(null);
          expect(rating.band).to.equal(null);
          expect(rating.final).to.equal(null);
          return;
        }
        const percentage = rating.percentage!;
        expect(Number.isInteger(percentage), String(percentage)).to.equal(true);
        expect(percentage).to.be.within(25, 100);
        expect(rating.band, `band of ${percentage}`).to.not.equal(null);
        expect(percentage).to.be.within(rating.band!.minPercent, rating.band!.maxPercent);
        expect(Math.abs(percentage - rating.exactPercentage!)).to.be.at.most(0.5);
      }),
      { numRuns: 500 },
    );
  });
});
