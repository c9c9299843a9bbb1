import { expect } from 'chai';
import { defaultPackDirectory } from '../../../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../../../assessments/rule-pack/load-pack.ts';
import { describeValue, reasonOf } from '../../../assessments/scoring/describe-finding.ts';
import { scoreCriterion } from '../../../assessments/scoring/score-criterion.ts';
import { evidenceByOutcome } from '../../support/evidence-from-cases.ts';

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

describe('the reason a proposal gives names the check that failed, with its value (issue 14)', () => {
  const gateWith = async (change: Record<string, number>) => {
    const pack = await loadRulePack(defaultPackDirectory);
    const criterion = pack.criteria.find((entry) => entry.id === 'financial-management')!;
    const wellManaged = (await evidenceByOutcome()).get('financial-management')!.get('well-managed') as { indicators: Record<string, { value: unknown; source: string; asAt: string }> };
    const indicators = Object.fromEntries(Object.entries(wellManaged.indicators).map(([name, indicator]) => [name, name in change ? { ...indicator, value: change[name] } : indicator]));
    const proposal = await scoreCriterion(criterion, indicators);
    return { proposal, reason: reasonOf(proposal, criterion) };
  };

  it('a finance gate short of efficiency in segment 2 says so, and never "segment 3"', async () => {
    const { proposal, reason } = await gateWith({ oversightSegment: 2, efficiencyDeliveredPercentOfPlan: 80 });
    expect(proposal.proposed).to.deep.equal({ status: 'not-well-managed' });
    expect(reason).to.equal('The finances are not well managed: Less than 90% of planned efficiency savings were delivered: 80 % of plan (needs ≥ 90 % of plan).');
    expect(reason).not.to.contain('segment');
  });

  it('in segment 3 it names the segment the user entered', async () => {
    const { reason } = await gateWith({ oversightSegment: 3 });
    expect(reason).to.contain('oversight segment').and.to.contain(': 3 segment (needs ≤ 2 segment)').and.not.to.contain('efficiency');
  });

  it('a rule that fired keeps its own summary', async () => {
    const { proposal, reason } = await gateWith({});
    expect(proposal.decidedBy?.rule).to.equal('financial-management/well-managed');
    expect(reason).to.equal(proposal.decidedBy?.summary);
  });
});
