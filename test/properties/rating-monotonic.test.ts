import { expect } from 'chai';
import fc from 'fast-check';
import { rate } from '../../assessments/rating/rate.ts';
import { defaultPackDirectory } from '../../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../../assessments/rule-pack/load-pack.ts';
import type { RulePack } from '../../assessments/rule-pack/rule-pack.ts';
import { criterionScores, gateInputs, rankOf, scoredCriteriaOf, type GateInput } from '../support/rating-arbitraries.ts';

describe('property: a better criterion score or a healthier gate never lowers the rating (shipped pack)', () => {
  let pack: RulePack;
  before(async () => {
    pack = await loadRulePack(defaultPackDirectory);
  });

  it('raising any one assessed criterion to any higher score never lowers the final rating', async () => {
    await fc.assert(
      fc.asyncProperty(criterionScores(scoredCriteriaOf(pack)), gateInputs, fc.nat(), async (scores, gate, pick) => {
        const raisable = scores.filter((entry) => entry.score !== null && entry.score < 4);
        fc.pre(raisable.length > 0);
        const chosen = raisable[pick % raisable.length]!;
        const before = rankOf(pack.manifest, (await rate(pack.manifest, scores, gate)).final);
        for (let to = chosen.score! + 1; to <= 4; to += 1) {
          const raised = scores.map((entry) => (entry === chosen ? { ...entry, score: to } : entry));
          const after = rankOf(pack.manifest, (await rate(pack.manifest, raised, gate)).final);
          expect(after, `${chosen.criterion} ${chosen.score} → ${to}`).to.be.at.least(before);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a worse finance gate (well managed → not well managed → severe) never raises the final rating', async () => {
    const worseningGates: GateInput[] = ['well-managed', 'not-well-managed', 'severe'];
    await fc.assert(
      fc.asyncProperty(criterionScores(scoredCriteriaOf(pack)), async (scores) => {
        const ranks = await Promise.all(worseningGates.map(async (gate) => rankOf(pack.manifest, (await rate(pack.manifest, scores, gate)).final)));
        for (let index = 1; index < ranks.length; index += 1) expect(ranks[index], `${worseningGates[index]} after ${worseningGates[index - 1]}`).to.be.at.most(ranks[index - 1]!);
      }),
      { numRuns: 300 },
    );
  });
});
