import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { preventionLineOf, preventionSharesOf, preventionTrajectory } from '../../../assessments/calibration/prevention-trajectory.ts';
import { defaultPackDirectory } from '../../../assessments/rule-pack/default-pack.ts';

// The review's ambition (¶2.20) as the shipped pack writes it: 1 point over 5 years, 0.1 points' tolerance.
const line = { targetRisePoints: 1, targetYears: 5, tolerancePoints: 0.1 };

describe('calibration: prevention-shift trajectory', () => {
  it('gives the actual share and the expected line for every year from the baseline to the target year', () => {
    // Baseline 2023 at 4.0%: expected 4.0 + 1 × min(t − 2023, 5) / 5 → 4.2, 4.4, 4.6, 4.8, 5.0.
    const trajectory = preventionTrajectory(
      { baselineYear: 2023, shares: [{ year: 2025, sharePercent: 4.6 }, { year: 2023, sharePercent: 4.0 }, { year: 2024, sharePercent: 4.1 }, { year: 2026, sharePercent: 4.3 }] },
      line,
    );
    expect(trajectory).to.include({ baselineYear: 2023, baselineShare: 4, targetYear: 2028, targetShare: 5 });
    const rows = trajectory.points.map((point) => [point.year, point.actual, point.expected === null ? null : Number(point.expected.toFixed(10)), point.position]);
    expect(rows).to.deep.equal([
      [2023, 4.0, 4.0, 'on-line'],
      [2024, 4.1, 4.2, 'on-line'], // 0.1 behind: still on the line (within the tolerance), despite 4.1 − 4.2 = −0.0999…
      [2025, 4.6, 4.4, 'ahead'], // 0.2 ahead: more than the tolerance
      [2026, 4.3, 4.6, 'behind'],
      [2027, null, 4.8, null],
      [2028, null, 5.0, null],
    ]);
    expect(trajectory.points[2]?.difference).to.be.closeTo(0.2, 1e-12);
    expect(trajectory.points[4]?.difference).to.equal(null);
  });

  it('holds the line flat after the target years, and leaves years before the baseline without a line', () => {
    const trajectory = preventionTrajectory(
      { baselineYear: 2022, shares: [{ year: 2021, sharePercent: 3.5 }, { year: 2022, sharePercent: 3.6 }, { year: 2029, sharePercent: 4.7 }] },
      line,
    );
    expect(trajectory.points.map((point) => point.year)).to.deep.equal([2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029]);
    expect(trajectory.points[0]).to.include({ year: 2021, actual: 3.5, expected: null, position: null });
    expect(trajectory.points[8]?.expected).to.be.closeTo(4.6, 1e-12);
    // 4.7 − 4.6 = 0.1 ahead: not more than the tolerance, so on the line (the pack's check is "greater than").
    expect(trajectory.points[8]?.position).to.equal('on-line');
  });

  it('without a tolerance, exactly on the line is on the line and any shortfall is behind', () => {
    const trajectory = preventionTrajectory({ baselineYear: 2023, shares: [{ year: 2023, sharePercent: 2.1 }, { year: 2025, sharePercent: 2.5 }, { year: 2026, sharePercent: 2.69 }] }, { targetRisePoints: 1, targetYears: 5 });
    expect(trajectory.points.map((point) => point.position)).to.deep.equal(['on-line', null, 'on-line', 'behind', null, null]);
  });

  it('without a share for the baseline year there is no line, but the actual shares are still charted', () => {
    const trajectory = preventionTrajectory({ baselineYear: 2023, shares: [{ year: 2024, sharePercent: 4.1 }] }, line);
    expect(trajectory.baselineShare).to.equal(null);
    expect(trajectory.targetShare).to.equal(null);
    expect(trajectory.points.every((point) => point.expected === null && point.position === null)).to.equal(true);
    expect(trajectory.points.find((point) => point.year === 2024)?.actual).to.equal(4.1);
  });

  it('with only the baseline: the whole line to the target year, one actual point', () => {
    const trajectory = preventionTrajectory({ baselineYear: 2024, shares: [{ year: 2024, sharePercent: 3 }] }, line);
    expect(trajectory.points.map((point) => [point.year, point.actual])).to.deep.equal([[2024, 3], [2025, null], [2026, null], [2027, null], [2028, null], [2029, null]]);
  });

  it('refuses a year given twice, or a line of no length', () => {
    expect(() => preventionTrajectory({ baselineYear: 2023, shares: [{ year: 2023, sharePercent: 4 }, { year: 2023, sharePercent: 4.1 }] }, line)).to.throw(RangeError, /twice/);
    expect(() => preventionTrajectory({ baselineYear: 2023, shares: [] }, { targetRisePoints: 1, targetYears: 0 })).to.throw(RangeError);
  });

  it('reads the line from the shipped prevention-shift parameters, and the shares from its indicators', () => {
    const file = JSON.parse(readFileSync(join(defaultPackDirectory, 'criteria', 'prevention-shift.json'), 'utf8')) as { parameters: Record<string, { value: number }> };
    const values = Object.fromEntries(Object.entries(file.parameters).map(([name, parameter]) => [name, parameter.value]));
    expect(preventionLineOf(values)).to.deep.equal({ targetRisePoints: 1, targetYears: 5, tolerancePoints: 0.1 });
    expect(() => preventionLineOf({ targetRisePoints: 1 })).to.throw(RangeError, /targetYears/);
    expect(() => preventionLineOf({ targetRisePoints: 1, targetYears: 5, tolerancePoints: -1 })).to.throw(RangeError, /tolerancePoints/);

    const item = <T>(value: T) => ({ value, source: 'ICB annual report', asAt: '2025-03-31' });
    expect(preventionSharesOf({ baselineYear: item(2023), preventionShare: item([{ year: 2023, sharePercent: 4 }]) })).to.deep.equal({ baselineYear: 2023, shares: [{ year: 2023, sharePercent: 4 }] });
    expect(preventionSharesOf({ preventionShare: item([{ year: 2023, sharePercent: 4 }]) })).to.equal(null);
  });
});
