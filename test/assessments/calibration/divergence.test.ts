import { expect } from 'chai';
import { findDivergences } from '../../../assessments/calibration/divergence.ts';
import type { Finding } from '../../../assessments/scoring/criterion-result.ts';

function finding(check: string, value: number, threshold: number, met: boolean): Finding {
  return {
    check,
    citation: '¶3.29',
    indicator: 'systemSessions',
    label: 'System-level scrutiny sessions in the last 12 months',
    unit: 'sessions',
    value,
    comparison: 'greaterThanInclusive',
    threshold,
    parameter: 'sessionsForExceptional',
    met,
    meaning: met ? 'met' : 'not met',
  };
}

describe('calibration: divergence between perspectives', () => {
  const scores = {
    self: { 'hosc-effectiveness': 4, 'learning-culture': 3, 'regional-support': 2, 'mutual-accountability': 4 },
    peer: { 'hosc-effectiveness': 3, 'learning-culture': 3, 'regional-support': null, 'mutual-accountability': 3 },
    assessor: { 'hosc-effectiveness': 2, 'learning-culture': 1, 'regional-support': 4, 'mutual-accountability': 3 },
  } as const;
  const selfSaw = [finding('hosc/sessions-exceptional', 4, 4, true)];
  const assessorSaw = [finding('hosc/sessions-exceptional', 1, 4, false)];
  const findings = { self: { 'hosc-effectiveness': selfSaw }, assessor: { 'hosc-effectiveness': assessorSaw } };

  it('flags every criterion where two perspectives differ by 2 or more, with each side’s score and findings', () => {
    const divergences = findDivergences(scores, findings, { divergencePoints: 2 });
    expect(divergences.map((divergence) => divergence.criterion)).to.deep.equal(['hosc-effectiveness', 'learning-culture', 'regional-support']);

    const hosc = divergences[0];
    expect(hosc?.spread).to.equal(2);
    expect(hosc?.pairs).to.deep.equal([{ higher: 'self', lower: 'assessor', difference: 2 }]);
    expect(hosc?.sides).to.deep.equal([
      { perspective: 'self', score: 4, findings: selfSaw },
      { perspective: 'peer', score: 3, findings: [] },
      { perspective: 'assessor', score: 2, findings: assessorSaw },
    ]);

    const learning = divergences[1];
    expect(learning?.pairs).to.deep.equal([
      { higher: 'self', lower: 'assessor', difference: 2 },
      { higher: 'peer', lower: 'assessor', difference: 2 },
    ]);
  });

  it('ignores a perspective that did not assess the criterion, but still shows it (score null)', () => {
    const regional = findDivergences(scores, findings).find((divergence) => divergence.criterion === 'regional-support');
    expect(regional?.pairs).to.deep.equal([{ higher: 'assessor', lower: 'self', difference: 2 }]);
    expect(regional?.sides.map((side) => [side.perspective, side.score])).to.deep.equal([['self', 2], ['peer', null], ['assessor', 4]]);
  });

  it('takes the threshold from the pack: 3 points flags only a 3-point gap', () => {
    expect(findDivergences(scores, findings, { divergencePoints: 3 })).to.deep.equal([]);
    const wide = findDivergences({ self: { a: 4 }, assessor: { a: 1 } }, {}, { divergencePoints: 3 });
    expect(wide.map((divergence) => [divergence.criterion, divergence.spread])).to.deep.equal([['a', 3]]);
  });

  it('defaults to 2 points, and a 1-point difference is no divergence', () => {
    expect(findDivergences({ self: { a: 3, b: 3 }, peer: { a: 2, b: 1 } }).map((divergence) => divergence.criterion)).to.deep.equal(['b']);
  });

  it('finds nothing with a single perspective, or when all scores are equal', () => {
    expect(findDivergences({ self: { a: 1, b: 4 } })).to.deep.equal([]);
    expect(findDivergences({ self: { a: 3, b: 3 }, peer: { a: 3, b: 3 }, assessor: { a: 3, b: 3 } })).to.deep.equal([]);
    expect(findDivergences({})).to.deep.equal([]);
  });

  it('lists criteria in the order asked (the manifest’s), then as first met', () => {
    const divergences = findDivergences({ self: { b: 1, a: 4 }, assessor: { a: 1, b: 4 } }, {}, { criteriaOrder: ['a', 'b'] });
    expect(divergences.map((divergence) => divergence.criterion)).to.deep.equal(['a', 'b']);
  });

  it('refuses a nonsensical threshold or score', () => {
    expect(() => findDivergences({ self: { a: 1 } }, {}, { divergencePoints: 0 })).to.throw(RangeError);
    expect(() => findDivergences({ self: { a: 0 }, peer: { a: 2 } })).to.throw(RangeError, /self score of a/);
  });
});
