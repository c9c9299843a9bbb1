import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToNextRating, describeChanges, type PathToNextRating } from '../../../assessments/calibration/path-to-next-rating.ts';
import { rate } from '../../../assessments/rating/rate.ts';
import type { CriterionScore } from '../../../assessments/rating/rating-result.ts';
import { defaultPackDirectory } from '../../../assessments/rule-pack/default-pack.ts';
import { manifestFile, type GateStatus } from '../../../assessments/rule-pack/pack-schema.ts';

// The shipped manifest, parsed with its schema: bands, limiters and provisional rules are the pack's.
const manifest = manifestFile.parse(JSON.parse(readFileSync(join(defaultPackDirectory, 'manifest.json'), 'utf8')));
const criteria = manifest.criteria.map((criterion) => criterion.id).filter((id) => id !== 'financial-management');

function scores(values: ReadonlyArray<number | null>): CriterionScore[] {
  return values.map((score, index) => ({ criterion: criteria[index] as string, score }));
}

function path(result: PathToNextRating): Extract<PathToNextRating, { status: 'path' }> {
  if (result.status !== 'path') throw new Error(`expected a path, got ${result.status}: ${result.message}`);
  return result;
}

describe('calibration: path to the next rating', () => {
  it('the nine scored criteria of the shipped manifest are the ones these tests name', () => {
    expect(criteria).to.have.length(9);
    expect(criteria[8]).to.equal('hosc-effectiveness');
  });

  it('worked example 1 (97%, Good because of the finance gate): the gate moving to well managed makes it Outstanding', async () => {
    const result = path(await pathToNextRating(manifest, scores([4, 4, 4, 4, 4, 3, 4, 4, 4]), 'not-well-managed'));
    expect(result.current.final?.id).to.equal('good');
    expect(result.target).to.deep.equal({ id: 'outstanding', label: 'Outstanding' });
    expect(result.changes).to.deep.equal([{ kind: 'gate', from: 'not-well-managed', to: 'well-managed', cost: 1 }]);
    expect(result.cost).to.equal(1);
    expect(result.result.percentage).to.equal(97);
    expect(result.result.final?.id).to.equal('outstanding');
    expect(result.limitersLifted.map((limiter) => limiter.limiter)).to.deep.equal(['limiter/finances-not-well-managed']);
    expect(result.message).to.equal('The financial management gate not-well-managed → well-managed would lift the rating from Good to Outstanding (97%).');
  });

  it('worked example 2 (67%, Requires improvement because one criterion is at 1): that criterion to 2 makes it Good', async () => {
    const result = path(await pathToNextRating(manifest, scores([3, 3, 2, 3, 1, 3, 3, 3, 3]), 'well-managed'));
    expect(result.current.final?.id).to.equal('requires-improvement');
    expect(result.changes).to.deep.equal([{ kind: 'score', criterion: 'regional-support', from: 1, to: 2, cost: 1, interchangeableWith: [] }]);
    // 3+3+2+3+2+3+3+3+3 = 25 of 36 = 69.4% → 69%, Good.
    expect(result.result.percentage).to.equal(69);
    expect(result.result.final?.id).to.equal('good');
    expect(result.limitersLifted.map((limiter) => limiter.limiter)).to.deep.equal(['limiter/one-criterion-at-1']);
  });

  it('worked example 4 (94%, Good because one criterion is at 2): that criterion to 3 makes it Outstanding', async () => {
    const result = path(await pathToNextRating(manifest, scores([4, 4, 4, 4, 4, 4, 4, 4, 2]), 'well-managed'));
    expect(result.changes).to.deep.equal([{ kind: 'score', criterion: 'hosc-effectiveness', from: 2, to: 3, cost: 1, interchangeableWith: [] }]);
    expect(result.result.percentage).to.equal(97);
    expect(result.result.final?.id).to.equal('outstanding');
    expect(result.limitersLifted.map((limiter) => limiter.limiter)).to.deep.equal(['limiter/outstanding-needs-all-good']);
  });

  it('Good on the percentage alone (all 3s, 75%): five criteria 3 → 4 reach 89%, Outstanding; any of the others would do', async () => {
    // Outstanding needs 88% after rounding: 31/36 = 86.1% → 86 is not enough, 32/36 = 88.9% → 89 is. 27 + 5 = 32.
    const result = path(await pathToNextRating(manifest, scores([3, 3, 3, 3, 3, 3, 3, 3, 3]), 'well-managed'));
    expect(result.cost).to.equal(5);
    expect(result.changes.map((change) => (change.kind === 'score' ? [change.criterion, change.from, change.to] : change.kind))).to.deep.equal(criteria.slice(0, 5).map((id) => [id, 3, 4]));
    for (const change of result.changes) expect(change.kind === 'score' && change.interchangeableWith).to.deep.equal(criteria.slice(5));
    expect(result.result.percentage).to.equal(89);
    expect(result.result.final?.id).to.equal('outstanding');
    expect(result.limitersLifted).to.deep.equal([]);
  });

  it('two criteria at 1 (Inadequate): one of them to 2 lifts it to Requires improvement, the other still caps', async () => {
    const result = path(await pathToNextRating(manifest, scores([3, 3, 3, 3, 3, 3, 3, 1, 1]), 'well-managed'));
    expect(result.current.final?.id).to.equal('inadequate');
    expect(result.changes).to.deep.equal([{ kind: 'score', criterion: 'learning-culture', from: 1, to: 2, cost: 1, interchangeableWith: ['hosc-effectiveness'] }]);
    expect(result.result.final?.id).to.equal('requires-improvement');
    expect(result.limitersLifted.map((limiter) => limiter.limiter)).to.deep.equal(['limiter/two-criteria-at-1']);
    expect(result.result.limiters.map((limiter) => limiter.limiter)).to.include('limiter/one-criterion-at-1');
  });

  it('a severe financial position capping at Requires improvement: one gate step (severe → not well managed) is enough for Good', async () => {
    const result = path(await pathToNextRating(manifest, scores([3, 3, 3, 3, 3, 3, 3, 3, 3]), 'severe'));
    expect(result.current.final?.id).to.equal('requires-improvement');
    expect(result.changes).to.deep.equal([{ kind: 'gate', from: 'severe', to: 'not-well-managed', cost: 1 }]);
    expect(result.result.final?.id).to.equal('good');
    expect(result.limitersLifted.map((limiter) => limiter.limiter)).to.deep.equal(['limiter/finances-severe']);
  });

  it('every criterion at 1 (25%, Inadequate): eight criteria 1 → 2 are the least for Requires improvement', async () => {
    // At most one criterion may stay at 1 (two at 1 is Inadequate), so at least 8 steps; 8 × 2 + 1 = 17/36 = 47%.
    const result = path(await pathToNextRating(manifest, scores([1, 1, 1, 1, 1, 1, 1, 1, 1]), 'well-managed'));
    expect(result.cost).to.equal(8);
    expect(result.changes.every((change) => change.kind === 'score' && change.from === 1 && change.to === 2)).to.equal(true);
    expect(result.result.percentage).to.equal(47);
    expect(result.result.final?.id).to.equal('requires-improvement');
  });

  it('prefers several +1 steps to one +2 step at the same cost, and the weakest criteria first', async () => {
    // 2 2 3 3 3 3 3 3 3 = 25/36 (69%) with two at 2: Good. Outstanding needs 32 and every criterion ≥ 3:
    // 2 → 3 twice (cost 2) then 5 more points... least cost 7; each step is +1.
    const result = path(await pathToNextRating(manifest, scores([2, 2, 3, 3, 3, 3, 3, 3, 3]), 'well-managed'));
    expect(result.cost).to.equal(7);
    expect(result.changes.every((change) => change.kind === 'score' && change.to - change.from === 1)).to.equal(true);
    expect(result.result.final?.id).to.equal('outstanding');
  });

  it('worked example 3 (6 of 9 assessed, 71%, Good, provisional): leaves the not-assessed criteria as they are and says which', async () => {
    // 3 3 3 3 3 2 = 17/24. Outstanding needs every assessed criterion ≥ 3 and 88%: 21/24 = 87.5% → 88%. 2 → 3, then three 3 → 4: cost 4.
    const result = path(await pathToNextRating(manifest, scores([3, 3, 3, 3, 3, 2, null, null, null]), 'well-managed'));
    expect(result.current.percentage).to.equal(71);
    expect(result.notAssessed).to.deep.equal(['mutual-accountability', 'learning-culture', 'hosc-effectiveness']);
    expect(result.cost).to.equal(4);
    expect(result.changes.map((change) => (change.kind === 'score' ? change.criterion : change.kind))).to.deep.equal(['partner-engagement', 'strategy-and-plans', 'place-and-neighbourhood', 'priorities-in-practice']);
    expect(result.result.percentage).to.equal(88);
    expect(result.result.final?.id).to.equal('outstanding');
    expect(result.result.provisional).to.equal(true);
  });

  it('already Outstanding: nothing to improve', async () => {
    const result = await pathToNextRating(manifest, scores([4, 4, 4, 4, 4, 4, 4, 4, 4]), 'well-managed');
    expect(result.status).to.equal('outstanding');
    expect(result.message).to.equal('Already Outstanding: there is no higher rating, so nothing to improve for the rating.');
    expect(result.current.final?.id).to.equal('outstanding');
  });

  it('nothing assessed: no rating to improve on', async () => {
    const result = await pathToNextRating(manifest, scores([null, null, null, null, null, null, null, null, null]), null);
    expect(result.status).to.equal('not-rated');
  });

  it('says when no change within the cost allowed reaches the next rating', async () => {
    const result = await pathToNextRating(manifest, scores([1, 1, 1, 1, 1, 1, 1, 1, 1]), 'well-managed', { maximumCost: 7 });
    expect(result.status).to.equal('unreachable');
    expect(result.message).to.match(/within a cost of 7 lifts the rating to Requires improvement/);
  });

  it('a dearer gate step is counted at its cost', async () => {
    // With the gate severe, Good needs the gate out of severe whatever the scores, so the gate still moves, at cost 2.
    const result = path(await pathToNextRating(manifest, scores([3, 3, 3, 3, 3, 3, 3, 3, 3]), 'severe', { gateStepCost: 2 }));
    expect(result.changes).to.deep.equal([{ kind: 'gate', from: 'severe', to: 'not-well-managed', cost: 2 }]);
    expect(result.cost).to.equal(2);
  });

  it('describes changes in words', () => {
    expect(describeChanges([])).to.equal('No change');
    expect(describeChanges([
      { kind: 'score', criterion: 'a', from: 1, to: 2, cost: 1, interchangeableWith: [] },
      { kind: 'score', criterion: 'b', from: 2, to: 3, cost: 1, interchangeableWith: [] },
      { kind: 'gate', from: 'severe', to: 'well-managed', cost: 2 },
    ])).to.equal('A 1 → 2, b 2 → 3 and the financial management gate severe → well-managed');
  });

  it('finds the least cost: no cheaper combination reaches the next rating (exhaustive check on four criteria)', async () => {
    const gates: Array<GateStatus | 'not-assessed'> = ['well-managed', 'not-well-managed', 'severe', 'not-assessed'];
    const ladder: GateStatus[] = ['severe', 'not-well-managed', 'well-managed'];
    const order = manifest.ratings.map((rating) => rating.id);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 4, maxLength: 4 }), fc.constantFrom(...gates), async (values, gate) => {
        const given = values.map((score, index) => ({ criterion: `c${index}`, score }));
        const result = await pathToNextRating(manifest, given, gate);
        const current = await rate(manifest, given, gate);
        const currentRank = order.indexOf(current.final?.id ?? 'inadequate');
        if (currentRank === order.length - 1) {
          expect(result.status).to.equal('outstanding');
          return;
        }
        // Brute force over every reachable state: the least cost of any that lifts the final rating.
        let least = Number.POSITIVE_INFINITY;
        const gateSteps = gate === 'not-assessed' ? [0] : [0, 1, 2].filter((steps) => ladder.indexOf(gate) + steps < ladder.length);
        for (let code = 0; code < 4 ** 4; code += 1) {
          const raised = values.map((score, index) => score + (Math.floor(code / 4 ** index) % 4));
          if (raised.some((score) => score > 4)) continue;
          for (const steps of gateSteps) {
            const cost = raised.reduce((sum, score, index) => sum + score - (values[index] as number), 0) + steps;
            if (cost >= least) continue;
            const after = await rate(manifest, raised.map((score, index) => ({ criterion: `c${index}`, score })), gate === 'not-assessed' ? gate : (ladder[ladder.indexOf(gate) + steps] as GateStatus));
            if (order.indexOf(after.final?.id ?? 'inadequate') > currentRank) least = cost;
          }
        }
        if (least === Number.POSITIVE_INFINITY) {
          expect(result.status).to.equal('unreachable');
          return;
        }
        const found = path(result);
        expect(found.cost).to.equal(least);
        expect(order.indexOf(found.result.final?.id ?? 'inadequate')).to.be.greaterThan(currentRank);
        expect(found.changes.reduce((sum, change) => sum + change.cost, 0)).to.equal(least);
      }),
      { numRuns: 25, seed: 3122 },
    );
  });
});
