import { expect } from 'chai';
import { describeValue } from '../../../assessments/scoring/describe-finding.ts';

describe('describing a finding’s value for a reader', () => {
  it('writes numbers with thousands separators and at most 2 decimals, with the unit', () => {
    expect(describeValue(2120, null)).to.equal('2,120');
    expect(describeValue(66.666, '%')).to.equal('66.67%');
    expect(describeValue(0.29, 'percentage points')).to.equal('0.29 percentage points');
  });

  it('never writes "-0": a small negative that rounds to zero is 0, a larger one keeps its sign', () => {
    expect(describeValue(-0.001, 'percentage points')).to.equal('0 percentage points');
    expect(describeValue(-0, null)).to.equal('0');
    expect(describeValue(-0.11, 'percentage points')).to.equal('-0.11 percentage points');
  });

  it('says yes, no and not given, and lists arrays', () => {
    expect([describeValue(true, null), describeValue(false, null), describeValue(null, '%'), describeValue(['a', 2], null)]).to.deep.equal(['yes', 'no', 'not given', 'a, 2']);
  });
});
