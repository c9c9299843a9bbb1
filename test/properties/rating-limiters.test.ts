import { expect } from 'chai';
import fc from 'fast-check';
import { rate } from '../../assessments/rating/rate.ts';
import { defaultPackDirectory } from '../../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../../assessments/rule-pack/load-pack.ts';
import type { RulePack } from '../../assessments/rule-pack/rule-pack.ts';
import { criterionScores, gateInputs, rankOf, scoredCriteriaOf } from '../support/rating-arbitraries.ts';

describe('property: limiters and the finance gate can only lower a rating (shipped pack)', () => {
  let pack: RulePack;
  before(async () => {
    pack = await loadRulePack(defaultPackDirectory);
  });

  it('the final rating is never above the band of the percentage, and equals the lowest cap that applied', async () => {
    await fc.assert(
      fc.asyncProperty(criterionScores(scoredCriteriaOf(pack)), gateInputs, async (scores, gate) => {
        const rating = await rate(pack.manifest, scores, gate);
        fc.pre(rating.band !== null);
        const band = rankOf(pack.manifest, rating.band);
        const final = rankOf(pack.manifest, rating.final);
        expect(final).to.be.at.most(band);
        for (const limiter of rating.limiters) expect(rankOf(pack.manifest, { id: limiter.capAt }), limiter.limiter).to.be.below(band);
        const lowestCap = Math.min(band, ...rating.limiters.map((limiter) => rankOf(pack.manifest, { id: limiter.capAt })));
        expect(final).to.equal(lowestCap);
      }),
      { numRuns: 400 },
    );
  });

  it('taking any limiters out of the pack never lowers the final rating (each one only caps)', async () => {
    await fc.assert(
      fc.asyncProperty(criterionScores(scoredCriteriaOf(pack)), gateInputs, fc.subarray(pack.manifest.limiters.map((limiter) => limiter.name)), async (scores, gate, removed) => {
        const fewer = { ...pack.manifest, limiters: pack.manifest.limiters.filter((limiter) => !removed.includes(limiter.name)) };
        const withAll = rankOf(pack.manifest, (await rate(pack.manifest, scores, gate)).final);
        const withFewer = rankOf(pack.manifest, (await rate(fewer, scores, gate)).final);
        expect(withAll).to.be.at.most(withFewer);
      }),
      { numRuns: 400 },
    );
  });
});
