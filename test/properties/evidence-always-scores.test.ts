import { expect } from 'chai';
import fc from 'fast-check';
import { defaultPackDirectory } from '../../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../../assessments/rule-pack/load-pack.ts';
import type { RulePack } from '../../assessments/rule-pack/rule-pack.ts';
import { scorePerspective } from '../../assessments/scoring/score-perspective.ts';
import { perspectiveEvidenceArbitrary } from '../support/evidence-arbitraries.ts';

/** Paths of numbers JSON cannot carry (NaN, ±Infinity): they would turn into null on the way to the client. */
function nonFiniteNumbers(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => nonFiniteNumbers(item, `${path}.${key}`));
}

describe('property: any evidence that validates is scored, never refused or thrown on (shipped pack)', () => {
  let pack: RulePack;
  before(async () => {
    pack = await loadRulePack(defaultPackDirectory);
  });

  it('gives every criterion a proposal from the scale (or not assessed, naming what is missing) and a rating from its scores', async () => {
    const gateStatuses = ['well-managed', 'not-well-managed', 'severe'];
    await fc.assert(
      fc.asyncProperty(await perspectiveEvidenceArbitrary(), async (evidence) => {
        const result = await scorePerspective(pack, evidence);
        expect(result.criteria.map((criterion) => criterion.criterion)).to.deep.equal(pack.criteria.map((criterion) => criterion.id));
        for (const criterion of result.criteria) {
          const given = evidence.criteria[criterion.criterion] !== undefined;
          if (!criterion.assessed) {
            expect(criterion.proposed, criterion.criterion).to.equal(null);
            expect(criterion.missing.length, `${criterion.criterion} is not assessed, so it names the missing indicators`).to.be.greaterThan(0);
            continue;
          }
          expect(given, `${criterion.criterion} assessed without evidence`).to.equal(true);
          if (criterion.kind === 'scored') expect((criterion.proposed as { score: number }).score, criterion.criterion).to.be.oneOf([1, 2, 3, 4]);
          else expect((criterion.proposed as { status: string }).status, criterion.criterion).to.be.oneOf(gateStatuses);
          for (const finding of criterion.findings) expect(finding.citation, `${criterion.criterion} ${finding.check}`).to.match(/^¶\d+\.\d+/);
        }
        const assessed = result.criteria.filter((criterion) => criterion.kind === 'scored' && criterion.assessed).length;
        expect(result.rating.scoredCriteriaAssessed).to.equal(assessed);
        expect(result.rating.final === null).to.equal(assessed === 0);
        expect(nonFiniteNumbers(result), 'every number survives JSON').to.deep.equal([]);
      }),
      { numRuns: 200 },
    );
  });
});
