import { expect } from 'chai';
import { formatNumber, formatShare, formatSigned, roundTo } from '../../../assessments/calibration/display.ts';

describe('calibration: numbers for readers', () => {
  it('rounds halves away from zero, symmetrically, tolerating binary noise', () => {
    expect(roundTo(0.125, 2)).to.equal(0.13);
    expect(roundTo(-0.125, 2)).to.equal(-0.13);
    expect(roundTo(1.005, 2)).to.equal(1.01); // 1.00499999… in binary
    expect(roundTo(0.71875, 2)).to.equal(0.72);
    expect(Object.is(roundTo(-0.001, 2), 0)).to.equal(true); // no −0
  });

  it('formats with a true minus sign, signs differences, and shows shares as whole percentages', () => {
    expect(formatNumber(-0.883, 2)).to.equal('\u22120.88');
    expect(formatNumber(-0.001, 2)).to.equal('0.00');
    expect(formatSigned(0.6, 2)).to.equal('+0.60');
    expect(formatSigned(-0.25, 2)).to.equal('\u22120.25');
    expect(formatSigned(0, 2)).to.equal('0.00');
    expect(formatShare(5 / 9)).to.equal('56%');
    expect(formatShare(1)).to.equal('100%');
  });
});
