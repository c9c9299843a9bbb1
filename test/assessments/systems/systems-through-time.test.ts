import { expect } from 'chai';
import { endedBefore, inForceDuring } from '../../../assessments/systems/in-force.ts';
import { periodEnd, periodOf, periodStart, previousPeriod } from '../../../assessments/systems/period-dates.ts';
import { ancestorsOf, type Succession } from '../../../assessments/systems/succession.ts';
import { changelogEntries, compareVersions } from '../../../assessments/trends/changelog.ts';

describe('periods, in-force dates and successions', () => {
  it('puts a day in its financial year, 1 April starting the next', () => {
    expect(periodOf('2026-03-31')).to.equal('2025/26');
    expect(periodOf('2026-04-01')).to.equal('2026/27');
    expect(periodOf(new Date('2099-12-31T23:59:59Z'))).to.equal('2099/00');
    expect([periodStart('2025/26'), periodEnd('2025/26'), previousPeriod('2026/27')]).to.deep.equal(['2025-04-01', '2026-04-01', '2025/26']);
  });

  it('counts a system in force in a period it overlaps, and not in one after it ended or before it began', () => {
    const ended = { inForceFrom: '2022-07-01', inForceUntil: '2026-04-01' };
    expect(['2022/23', '2025/26', '2026/27'].map((period) => inForceDuring(ended, period))).to.deep.equal([true, true, false]);
    expect(endedBefore(ended, '2026/27')).to.equal(true);
    expect(endedBefore(ended, '2025/26')).to.equal(false);
    const created = { inForceFrom: '2026-04-01', inForceUntil: null };
    expect(['2025/26', '2026/27', '2040/41'].map((period) => inForceDuring(created, period))).to.deep.equal([false, true, true]);
  });

  it('follows successions back through several steps and splits, furthest back first, each once', () => {
    const successions: Succession[] = [
      { predecessor: 'B1', successor: 'C', date: '2027-04-01', type: 'merger' },
      { predecessor: 'A', successor: 'B1', date: '2026-04-01', type: 'split' },
      { predecessor: 'A', successor: 'B2', date: '2026-04-01', type: 'split' },
      { predecessor: 'B2', successor: 'C', date: '2027-04-01', type: 'merger' },
      { predecessor: 'X', successor: 'Y', date: '2026-04-01', type: 'merger' },
    ];
    expect(ancestorsOf('C', successions)).to.deep.equal(['A', 'B1', 'B2']);
    expect(ancestorsOf('B2', successions)).to.deep.equal(['A']);
    expect(ancestorsOf('A', successions)).to.deep.equal([]);
  });

  it('reads the CHANGELOG bullets of the versions between two, joining continued lines', () => {
    const changelog = '# Changelog\n\n## 1.2.0 — 2028\n- c\n\n## 1.1.0 — 2027\n- a, over\n  two lines\n- b\n\n## 1.0.0 — 2026\n- first\n';
    expect(changelogEntries(changelog, '1.0.0', '1.1.0')).to.deep.equal([{ version: '1.1.0', text: 'a, over two lines' }, { version: '1.1.0', text: 'b' }]);
    expect(compareVersions('1.10.0', '1.9.9')).to.be.greaterThan(0);
  });
});
