import { expect } from 'chai';
import { ambitionProgress, type Ambition } from '../../../assessments/calibration/ambitions.ts';

// Falls admissions, lower is better: 500 → 400 over 2024-04-01 .. 2026-04-01 (730 days; 2025-04-01 is day 365, exactly half).
const falls: Ambition = {
  title: 'Fewer falls in older people',
  metric: 'Emergency admissions for falls per 100,000 people aged 65+',
  baseline: 500,
  baselineDate: '2024-04-01',
  target: 400,
  targetDate: '2026-04-01',
  latest: 450,
  latestDate: '2025-04-01',
  direction: 'lower-is-better',
};

// Healthy life expectancy, higher is better: 60 → 64.
const healthy: Ambition = { ...falls, title: 'Longer healthy lives', metric: 'Healthy life expectancy (years)', baseline: 60, target: 64, latest: 62, direction: 'higher-is-better' };

describe('calibration: progress against a system’s own ambitions', () => {
  it('on the line half-way: progress 0.5, expected value half-way, on track', () => {
    const result = ambitionProgress(falls);
    expect(result.expectedProgress).to.equal(0.5);
    expect(result.expected).to.equal(450);
    expect(result.progress).to.equal(0.5);
    expect(result.gap).to.equal(0);
    expect(result).to.include({ status: 'on-track', statusLabel: 'On track', progressDisplay: '50% of the way to the target' });
    expect(ambitionProgress(healthy)).to.include({ status: 'on-track', progress: 0.5, expected: 62 });
  });

  it('ahead of the line, lower is better: gap positive when the metric is lower than expected', () => {
    const result = ambitionProgress({ ...falls, latest: 420 });
    expect(result.progress).to.be.closeTo(0.8, 1e-12);
    expect(result.gap).to.equal(30);
    expect(result.status).to.equal('ahead');
  });

  it('behind the line, and beyond the tolerance', () => {
    const result = ambitionProgress({ ...healthy, latest: 61.2 });
    expect(result.progress).to.be.closeTo(0.3, 1e-12);
    expect(result.gap).to.be.closeTo(-0.8, 1e-12);
    expect(result.status).to.equal('behind');
  });

  it('within the tolerance (5 points of the way by default, adjustable) is on track', () => {
    expect(ambitionProgress({ ...healthy, latest: 61.8 }).status).to.equal('on-track'); // 0.45 vs 0.5
    expect(ambitionProgress({ ...healthy, latest: 61.7 }).status).to.equal('behind'); // 0.425
    expect(ambitionProgress({ ...healthy, latest: 61.7 }, { tolerance: 0.1 }).status).to.equal('on-track');
    expect(ambitionProgress({ ...healthy, latest: 62.2 }).status).to.equal('on-track'); // 0.55
  });

  it('target met: at or beyond the target in the better direction, even early', () => {
    expect(ambitionProgress({ ...falls, latest: 400 })).to.include({ status: 'target-met', progress: 1, statusLabel: 'Target met' });
    expect(ambitionProgress({ ...falls, latest: 380 })).to.include({ status: 'target-met' });
    expect(ambitionProgress({ ...falls, latest: 380 }).progressDisplay).to.equal('120% of the way to the target');
  });

  it('past the target date without the target: the line expects the target, so behind', () => {
    const result = ambitionProgress({ ...falls, latest: 410, latestDate: '2027-01-01' });
    expect(result.expectedProgress).to.equal(1);
    expect(result.expected).to.equal(400);
    expect(result.status).to.equal('behind');
  });

  it('moving the wrong way: negative progress, behind', () => {
    const result = ambitionProgress({ ...falls, latest: 520 });
    expect(result.progress).to.be.closeTo(-0.2, 1e-12);
    expect(result.status).to.equal('behind');
  });

  it('a zero-length line (target date = baseline date): the target is expected from that date', () => {
    const line = { ...healthy, baselineDate: '2025-04-01', targetDate: '2025-04-01' };
    const after = ambitionProgress({ ...line, latestDate: '2025-10-01', latest: 62 });
    expect(after).to.include({ expectedProgress: 1, expected: 64, status: 'behind' });
    expect(Number.isFinite(after.progress)).to.equal(true);
    expect(ambitionProgress({ ...line, latestDate: '2025-04-01', latest: 64 }).status).to.equal('target-met');
  });

  it('a target equal to the baseline is a target to hold: met while not worse, no progress share (no division by zero)', () => {
    const hold = { ...healthy, target: 60 };
    const held = ambitionProgress({ ...hold, latest: 60.5 });
    expect(held).to.include({ status: 'target-met', progress: null, progressDisplay: 'Holding the target' });
    expect(held.notes.join(' ')).to.match(/hold the line/);
    expect(ambitionProgress({ ...hold, latest: 59 })).to.include({ status: 'behind', progress: null, progressDisplay: 'Below the target' });
    expect(ambitionProgress({ ...falls, target: 500, latest: 510 }).status).to.equal('behind');
  });

  it('no latest value: says so, with nothing computed', () => {
    expect(ambitionProgress({ ...falls, latest: null, latestDate: null })).to.deep.include({ status: 'no-latest-value', progress: null, expected: null, gap: null, progressDisplay: 'No latest value' });
  });

  it('notes a target that points the way the direction calls worse, and a latest value dated before the baseline', () => {
    const contrary = ambitionProgress({ ...falls, direction: 'higher-is-better' });
    expect(contrary.notes[0]).to.match(/worse/);
    const early = ambitionProgress({ ...falls, latestDate: '2024-01-01', latest: 500 });
    expect(early.expectedProgress).to.equal(0);
    expect(early.status).to.equal('on-track');
    expect(early.notes.join(' ')).to.match(/before the baseline/);
  });

  it('refuses dates that are not dates, and a target date before the baseline', () => {
    expect(() => ambitionProgress({ ...falls, targetDate: '2026-02-30' })).to.throw(RangeError, /target date/);
    expect(() => ambitionProgress({ ...falls, baselineDate: '1/4/2024' })).to.throw(RangeError, /baseline date/);
    expect(() => ambitionProgress({ ...falls, targetDate: '2024-01-01' })).to.throw(RangeError, /before its baseline date/);
    expect(() => ambitionProgress({ ...falls, latest: Number.NaN })).to.throw(RangeError);
  });
});
