import { expect } from 'chai';
import { leniencyOf, scorerLeniency, selfAssessmentLeniency, type ScoredCriterionRecord } from '../../../assessments/calibration/leniency.ts';

type Partial3 = Pick<ScoredCriterionRecord, 'score' | 'moderatedScore'> & Partial<ScoredCriterionRecord>;

function records(base: Omit<ScoredCriterionRecord, 'criterion' | 'score' | 'moderatedScore' | 'assessmentId'>, pairs: ReadonlyArray<readonly [number | null, number | null]>, assessmentsOf = 3): ScoredCriterionRecord[] {
  return pairs.map(([score, moderatedScore], index) => ({
    ...base,
    assessmentId: `${base.system}-${index % assessmentsOf}`,
    criterion: `criterion-${index}`,
    score,
    moderatedScore,
  }));
}

const lenient = { system: 'QOX', perspective: 'assessor', scorerId: 'a-1', scorerName: 'Ada Lenient' } as const;
const harsh = { system: 'QHG', perspective: 'assessor', scorerId: 'a-2', scorerName: 'Hal Harsh' } as const;
const steady = { system: 'QHL', perspective: 'assessor', scorerId: 'a-3', scorerName: 'Sam Steady' } as const;

describe('calibration: leniency of assessors and of self-assessment', () => {
  it('is the mean of (their score − moderated score) with the count it rests on, flagged at |mean| ≥ 0.5 over ≥ 10', () => {
    // 10 criteria: five 1 above, five level → mean 5/10 = 0.5 exactly, count 10 → flagged.
    const ada = records(lenient, [[4, 3], [3, 2], [3, 2], [2, 1], [4, 3], [3, 3], [2, 2], [3, 3], [4, 4], [1, 1]]);
    // 12 criteria: six 1 below, six level → −0.5 over 12 → flagged harsh.
    const hal = records(harsh, [[2, 3], [1, 2], [2, 3], [3, 4], [2, 3], [1, 2], [3, 3], [3, 3], [3, 3], [3, 3], [3, 3], [3, 3]]);
    // 10 criteria: four 1 above → 0.4 → not flagged.
    const sam = records(steady, [[4, 3], [3, 2], [3, 2], [2, 1], [3, 3], [3, 3], [2, 2], [3, 3], [4, 4], [1, 1]]);
    const result = scorerLeniency([...hal, ...sam, ...ada]);
    expect(result.map((entry) => [entry.scorerName, entry.mean, entry.count, entry.flagged, entry.direction, entry.display])).to.deep.equal([
      ['Ada Lenient', 0.5, 10, true, 'lenient', '+0.50'],
      ['Sam Steady', 0.4, 10, false, 'lenient', '+0.40'],
      ['Hal Harsh', -0.5, 12, true, 'harsh', '\u22120.50'],
    ]);
    expect(result[0]).to.include({ scorerId: 'a-1', perspective: 'assessor', assessments: 3, unmoderated: 0, rounded: 0.5 });
  });

  it('does not flag a large mean resting on fewer than 10 criteria; both parameters can be changed', () => {
    const few = records(lenient, [[4, 2], [4, 2], [3, 1]]);
    expect(leniencyOf(few)).to.include({ mean: 2, count: 3, flagged: false });
    expect(leniencyOf(few, { minimumCount: 3 })).to.include({ flagged: true });
    expect(leniencyOf(few, { minimumCount: 3, threshold: 2.5 })).to.include({ flagged: false });
  });

  it('leaves out criteria without a moderated score (counted as unmoderated) and those the scorer did not assess', () => {
    const mixed = records(lenient, [[4, 3], [3, null], [null, 2], [2, 2]]);
    expect(leniencyOf(mixed)).to.include({ mean: 0.5, count: 2, unmoderated: 1 });
  });

  it('with no moderated scores at all: no mean, a plain statement, never flagged', () => {
    const none = records(lenient, [[4, null], [3, null], [2, null]]);
    const [entry] = scorerLeniency(none);
    expect(entry).to.deep.include({ mean: null, rounded: null, display: 'No moderated scores', count: 0, unmoderated: 3, assessments: 0, direction: null, flagged: false });
    expect(scorerLeniency([])).to.deep.equal([]);
  });

  it('a scorer level with the panel is "level"; those with no mean are listed last', () => {
    const level = records(steady, [[3, 3], [2, 2]]);
    const none = records(lenient, [[4, null]]);
    expect(scorerLeniency([...none, ...level]).map((entry) => [entry.scorerName, entry.direction])).to.deep.equal([['Sam Steady', 'level'], ['Ada Lenient', null]]);
  });

  it('counts only assessors by default; peer reviewers on request, kept apart per perspective', () => {
    const asPeer = records({ ...lenient, perspective: 'peer' }, [[4, 2]]);
    const asAssessor = records(lenient, [[3, 3]]);
    expect(scorerLeniency([...asPeer, ...asAssessor]).map((entry) => [entry.perspective, entry.mean])).to.deep.equal([['assessor', 0]]);
    expect(scorerLeniency([...asPeer, ...asAssessor], { perspectives: ['assessor', 'peer'] }).map((entry) => [entry.perspective, entry.mean])).to.deep.equal([
      ['peer', 2],
      ['assessor', 0],
    ]);
  });

  it('computes the same measure for self-assessment per system', () => {
    const rows: ScoredCriterionRecord[] = [
      ...records({ system: 'QOX', perspective: 'self', scorerId: 'u-1', scorerName: 'QOX team' }, [[4, 3], [4, 3], [3, 3], [4, 2]]),
      ...records({ system: 'QHG', perspective: 'self', scorerId: 'u-2', scorerName: 'QHG team' }, [[2, 3], [3, 3]]),
      ...records(lenient, [[4, 1]]),
    ];
    const result = selfAssessmentLeniency(rows);
    expect(result.map((entry) => [entry.system, entry.mean, entry.count])).to.deep.equal([['QOX', 1, 4], ['QHG', -0.5, 2]]);
  });

  it('refuses a score off the scale', () => {
    const bad: Partial3[] = [{ score: 7, moderatedScore: 3 }];
    expect(() => leniencyOf(bad.map((row) => ({ ...row, assessmentId: 'x', system: 'QOX', perspective: 'assessor', scorerId: 'a', scorerName: 'A', criterion: 'c' })))).to.throw(RangeError);
  });
});
