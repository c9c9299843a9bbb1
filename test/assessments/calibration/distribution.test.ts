import { expect } from 'chai';
import { countsOf, criterionDistributions, type FinalCriterionScore } from '../../../assessments/calibration/distribution.ts';

const hosc = 'hosc-effectiveness';
const learning = 'learning-culture';

function entry(system: string, region: string | null, criterion: string, score: FinalCriterionScore['score']): FinalCriterionScore {
  return { system, region, criterion, score };
}

describe('calibration: distribution of final scores across systems', () => {
  const scores: FinalCriterionScore[] = [
    entry('QOX', 'South West', hosc, 4),
    entry('QHG', 'East of England', hosc, 3),
    entry('QHL', 'Midlands', hosc, 3),
    entry('QUA', 'Midlands', hosc, 2),
    entry('QSL', 'South West', hosc, null),
    entry('QJK', 'South West', hosc, 'not-assessed'),
    entry('QOX', 'South West', learning, 2),
  ];
  const [hoscDistribution, learningDistribution] = criterionDistributions(scores, { criteriaOrder: [hosc, learning] });

  it('counts each score and the not assessed, overall', () => {
    expect(hoscDistribution?.criterion).to.equal(hosc);
    expect(hoscDistribution?.overall).to.deep.equal({
      byScore: [
        { score: 1, systems: 0, share: 0 },
        { score: 2, systems: 1, share: 0.25 },
        { score: 3, systems: 2, share: 0.5 },
        { score: 4, systems: 1, share: 0.25 },
      ],
      notAssessed: 2,
      assessed: 4,
      total: 6,
      mean: 3,
    });
  });

  it('counts by region, alphabetically', () => {
    expect(hoscDistribution?.byRegion.map(({ region, counts }) => [region, counts.byScore.map((score) => score.systems), counts.notAssessed])).to.deep.equal([
      ['East of England', [0, 0, 1, 0], 0],
      ['Midlands', [0, 1, 1, 0], 0],
      ['South West', [0, 0, 0, 1], 2],
    ]);
  });

  it('gives each system its score, competition rank and percentile rank among systems with a score', () => {
    // 4 systems scored: 4, 3, 3, 2. Percentile = 100 × (lower + same/2) / 4.
    expect(hoscDistribution?.positions.map((position) => [position.system, position.score, position.rank, position.ofSystems, position.percentile, position.display])).to.deep.equal([
      ['QOX', 4, 1, 4, 87.5, '88th percentile'], // (3 + 0.5) / 4
      ['QHG', 3, 2, 4, 50, '50th percentile'], // (1 + 1) / 4
      ['QHL', 3, 2, 4, 50, '50th percentile'],
      ['QUA', 2, 4, 4, 12.5, '13th percentile'], // (0 + 0.5) / 4
      ['QJK', null, null, 4, null, 'Not assessed'],
      ['QSL', null, null, 4, null, 'Not assessed'],
    ]);
    expect(hoscDistribution?.positions[1]).to.include({ higher: 1, same: 2, lower: 1, region: 'East of England' });
  });

  it('a single system: rank 1, the 50th percentile', () => {
    expect(learningDistribution?.positions).to.deep.equal([
      { system: 'QOX', region: 'South West', score: 2, rank: 1, ofSystems: 1, higher: 0, same: 1, lower: 0, percentile: 50, display: '50th percentile' },
    ]);
  });

  it('all scores equal: everyone shares rank 1 at the 50th percentile', () => {
    const [distribution] = criterionDistributions(['QOX', 'QHG', 'QHL'].map((system) => entry(system, 'Midlands', hosc, 3)));
    expect(distribution?.positions.map((position) => [position.rank, position.percentile])).to.deep.equal([[1, 50], [1, 50], [1, 50]]);
    expect(distribution?.overall.byScore[2]).to.deep.equal({ score: 3, systems: 3, share: 1 });
  });

  it('none assessed: shares and mean are null, not NaN; a region not known comes last', () => {
    const [distribution] = criterionDistributions([entry('QOX', null, hosc, null), entry('QHG', 'Midlands', hosc, null)]);
    expect(distribution?.overall.mean).to.equal(null);
    expect(distribution?.overall.byScore.every((score) => score.share === null)).to.equal(true);
    expect(distribution?.byRegion.map((region) => region.region)).to.deep.equal(['Midlands', null]);
    expect(countsOf([])).to.deep.include({ total: 0, assessed: 0, mean: null });
  });

  it('puts criteria in the order asked, and refuses a system scored twice for one criterion', () => {
    expect(criterionDistributions(scores, { criteriaOrder: [learning] }).map((distribution) => distribution.criterion)).to.deep.equal([learning, hosc]);
    expect(() => criterionDistributions([entry('QOX', null, hosc, 3), entry('QOX', null, hosc, 2)])).to.throw(RangeError, /more than one final score/);
  });
});
