import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checksForNextScore, checksForPath, checksToMeet, type ChecksToMeet } from '../../../assessments/calibration/checks-to-meet.ts';
import { pathToNextRating } from '../../../assessments/calibration/path-to-next-rating.ts';
import { defaultPackDirectory } from '../../../assessments/rule-pack/default-pack.ts';
import type { RulePack } from '../../../assessments/rule-pack/rule-pack.ts';
import { loadRulePack } from '../../../assessments/rule-pack/load-pack.ts';
import { manifestFile } from '../../../assessments/rule-pack/pack-schema.ts';
import type { PackCriterion } from '../../../assessments/rule-pack/rule-pack.ts';
import type { Finding } from '../../../assessments/scoring/criterion-result.ts';
import { scoreCriterion } from '../../../assessments/scoring/score-criterion.ts';
import { item } from '../../support/evidence.ts';
import { copyShippedPack } from '../../support/temporary-pack.ts';

/** HOSC indicators: councils covered of 3, sessions, recommendations answered on time of 10, strategy scrutinised. */
function hoscIndicators(covered: number, sessions: number, onTime: number, strategy: boolean) {
  return {
    upperTierCouncils: item(3),
    councilsCovered: item(covered),
    systemSessions: item(sessions),
    recommendationsMade: item(10),
    recommendationsAnsweredOnTime: item(onTime),
    strategyOrPlanScrutinised: item(strategy),
  };
}

function checks(result: ChecksToMeet): Extract<ChecksToMeet, { status: 'checks' }> {
  if (result.status !== 'checks') throw new Error(`expected checks, got ${result.status}`);
  return result;
}

describe('calibration: checks to meet for the next score', () => {
  // The shipped hosc-effectiveness rules, loaded from a copy of the pack that lists only that criterion.
  let hosc: PackCriterion;
  before(async () => {
    const copy = await copyShippedPack();
    try {
      await copy.editJson('manifest.json', (json) => {
        json.criteria = json.criteria.filter((criterion: { id: string }) => criterion.id === 'hosc-effectiveness');
      });
      const pack = await loadRulePack(copy.directory);
      hosc = pack.criteria[0] as PackCriterion;
    } finally {
      await copy.remove();
    }
  });

  async function findingsFor(indicators: object): Promise<{ score: number; findings: Finding[] }> {
    const proposal = await scoreCriterion(hosc, indicators);
    if (proposal.proposed === null || !('score' in proposal.proposed)) throw new Error('expected a score');
    return { score: proposal.proposed.score, findings: proposal.findings };
  }

  it('3 → 4: lists the unmet checks of hosc-effectiveness/4 with label, value, threshold and comparison', async () => {
    // Full coverage, 2 sessions, 80% on time, strategy not scrutinised: 3.
    const { score, findings } = await findingsFor(hoscIndicators(3, 2, 8, false));
    expect(score).to.equal(3);
    const result = checks(checksForNextScore(hosc, findings, score));
    expect(result.target).to.deep.equal({ score: 4 });
    expect(result.rule).to.equal('hosc-effectiveness/4');
    expect(result.alreadySatisfied).to.equal(false);
    expect(result.unmet.map((check) => [check.check, check.value, check.comparison, check.threshold, check.parameter, check.needs])).to.deep.equal([
      ['hosc/sessions-exceptional', 2, 'greaterThanInclusive', 4, 'sessionsForExceptional', 'met'],
      ['hosc/on-time-exceptional', 80, 'greaterThanInclusive', 90, 'onTimePercentForExceptional', 'met'],
      ['hosc/strategy-scrutinised', false, 'equal', true, null, 'met'],
    ]);
    expect(result.unmet[0]).to.include({
      indicator: 'systemSessions',
      label: 'System-level scrutiny sessions in the last 12 months',
      unit: 'sessions',
      citation: '¶3.29',
      meaning: 'System-level scrutiny is regular: at least quarterly.',
    });
  });

  it('2 → 3: every unmet check of an `all`', async () => {
    // 2 of 3 councils (66.67%), 1 session, 50% on time: 2.
    const { score, findings } = await findingsFor(hoscIndicators(2, 1, 5, true));
    expect(score).to.equal(2);
    const result = checks(checksForNextScore(hosc, findings, score));
    expect(result.unmet.map((check) => [check.check, check.value, check.threshold])).to.deep.equal([
      ['hosc/full-coverage', 66.67, 100],
      ['hosc/sessions-good', 1, 2],
      ['hosc/on-time-good', 50, 75],
    ]);
  });

  it('1 → 2: for an `any`, only the cheapest branch (the first on a tie)', async () => {
    const { score, findings } = await findingsFor(hoscIndicators(0, 0, 10, false));
    expect(score).to.equal(1);
    const result = checks(checksForNextScore(hosc, findings, score));
    expect(result.unmet.map((check) => [check.check, check.value, check.comparison, check.threshold])).to.deep.equal([['hosc/some-coverage', 0, 'greaterThan', 0]]);
  });

  it('a criterion not assessed (no findings): every check counts as unmet, value unknown, thresholds from the pack', () => {
    const result = checks(checksToMeet(hosc, [], { score: 4 }));
    expect(result.unmet.map((check) => [check.check, check.value, check.threshold])).to.deep.equal([
      ['hosc/full-coverage', null, 100],
      ['hosc/sessions-exceptional', null, 4],
      ['hosc/on-time-exceptional', null, 90],
      ['hosc/strategy-scrutinised', null, true],
    ]);
  });

  it('when the rule is already satisfied (a judgement held the score lower), says so with no checks', async () => {
    const { findings } = await findingsFor(hoscIndicators(3, 4, 9, true));
    const result = checks(checksToMeet(hosc, findings, { score: 4 }));
    expect(result).to.include({ alreadySatisfied: true, rule: 'hosc-effectiveness/4' });
    expect(result.unmet).to.deep.equal([]);
  });

  it('no rule gives the score: says so (4 has no next score); the default score needs nothing', async () => {
    const { findings } = await findingsFor(hoscIndicators(3, 4, 9, true));
    expect(checksForNextScore(hosc, findings, 4)).to.include({ status: 'no-rule', message: 'No rule of hosc-effectiveness gives a score of 5.' });
    expect(checksToMeet(hosc, findings, { score: 5 }).status).to.equal('no-rule');
    expect(checksToMeet(hosc, findings, { score: 1 })).to.deep.include({ status: 'checks', rule: 'default', unmet: [], alreadySatisfied: true, mustStopApplying: [] });
  });

  it('walks `not`, nested `any` of `all`, and chooses among several rules giving the score the one needing least', async () => {
    // 3 councils of 3, 2 sessions, 80% on time, strategy not scrutinised (joint committee not given, so not met).
    const { findings } = await findingsFor(hoscIndicators(3, 2, 8, false));
    if (hosc.kind !== 'scored') throw new Error('hosc-effectiveness is scored');
    const variant: PackCriterion = {
      ...hosc,
      rules: [
        // hosc-effectiveness/4 needs three checks here: the dearer of the two rules giving 4.
        ...hosc.rules.slice(0, 1),
        {
          name: 'variant/4',
          conditions: {
            all: [
              { not: { condition: 'hosc/sessions-good' } }, // met now, so it must stop being met
              { any: [{ all: [{ condition: 'hosc/on-time-exceptional' }, { condition: 'hosc/joint-committee' }] }, { condition: 'hosc/full-coverage' }] },
              { not: { any: [{ condition: 'hosc/strategy-scrutinised' }, { condition: 'hosc/full-coverage' }] } }, // = all(not …): full coverage must stop
            ],
          },
          event: { type: 'score', params: { score: 4, citation: '¶3.29', summary: 'A variant for the test.' } },
        },
      ],
    };
    const result = checks(checksToMeet(variant, findings, { score: 4 }));
    expect(result.rule).to.equal('variant/4');
    expect(result.unmet.map((check) => [check.check, check.needs])).to.deep.equal([
      ['hosc/sessions-good', 'not-met'],
      ['hosc/full-coverage', 'not-met'],
    ]);
    expect(result.unmet[0]?.meaning).to.equal('The system was scrutinised fewer than twice in the year.');
    expect(result.routes.map((route) => [route.rule, route.unmet.length])).to.deep.equal([['variant/4', 2], ['hosc-effectiveness/4', 3]]);
  });

  it('for a path to the next rating: the checks each criterion change needs; none for a gate the pack copy lacks', async () => {
    const manifest = manifestFile.parse(JSON.parse(readFileSync(join(defaultPackDirectory, 'manifest.json'), 'utf8')));
    const ids = manifest.criteria.map((criterion) => criterion.id).filter((id) => id !== 'financial-management');
    // Worked example 4 with the gate not well managed: hosc-effectiveness 2 → 3 and the gate → well managed.
    const scores = [4, 4, 4, 4, 4, 4, 4, 4, 2].map((score, index) => ({ criterion: ids[index] as string, score }));
    const route = await pathToNextRating(manifest, scores, 'not-well-managed');
    if (route.status !== 'path') throw new Error(route.status);
    expect(route.changes.map((change) => change.kind)).to.deep.equal(['score', 'gate']);
    const { findings } = await findingsFor(hoscIndicators(2, 1, 5, true));
    const needed = checksForPath(route.changes, [hosc], { 'hosc-effectiveness': findings });
    expect(needed[0]?.checks?.status).to.equal('checks');
    expect(needed[0]?.checks?.status === 'checks' && needed[0].checks.unmet.map((check) => check.check)).to.deep.equal(['hosc/full-coverage', 'hosc/sessions-good', 'hosc/on-time-good']);
    expect(needed[1]).to.deep.equal({ change: route.changes[1], checks: null });
  });
});

describe('calibration: checks to meet, with the whole shipped pack (the financial management gate)', () => {
  let pack: RulePack;
  let gate: PackCriterion;
  before(async () => {
    pack = await loadRulePack(defaultPackDirectory);
    gate = pack.criteria.find((criterion) => criterion.kind === 'gate') as PackCriterion;
  });

  /** Finance indicators: outturn variance (% of allocation, negative adverse), segment, efficiency (% of plan). */
  async function gateFindings(variance: number, segment: number, efficiency: number) {
    const proposal = await scoreCriterion(gate, {
      outturnVariancePercent: item(variance),
      underlyingDeficitMillions: item(0),
      oversightSegment: item(segment),
      inRecoverySupportProgramme: item(false),
      efficiencyDeliveredPercentOfPlan: item(efficiency),
      capitalWithinLimit: item(true),
    });
    return { proposed: proposal.proposed, findings: proposal.findings };
  }

  it('severe → not well managed (the default): the severe rule must stop applying, so its negated checks are listed', async () => {
    // 3% adverse, segment 3, 80% of efficiencies: severe because worse than 2% adverse.
    const { proposed, findings } = await gateFindings(-3, 3, 80);
    expect(proposed).to.deep.equal({ status: 'severe' });
    const result = checks(checksToMeet(gate, findings, { status: 'not-well-managed' }));
    expect(result.rule).to.equal('default');
    expect(result.mustStopApplying).to.deep.equal(['financial-management/severe']);
    expect(result.unmet.map((check) => [check.check, check.value, check.comparison, check.threshold, check.needs])).to.deep.equal([
      ['finance/variance-not-severe', -3, 'greaterThanInclusive', -2, 'met'],
    ]);
  });

  it('severe → well managed: the well-managed rule’s unmet checks and the severe rule’s, once each', async () => {
    const { findings } = await gateFindings(-3, 3, 80);
    const result = checks(checksToMeet(gate, findings, { status: 'well-managed' }));
    expect(result.rule).to.equal('financial-management/well-managed');
    expect(result.unmet.map((check) => [check.check, check.value, check.threshold])).to.deep.equal([
      ['finance/on-plan', -3, -0.5],
      ['finance/efficiency-delivered', 80, 90],
      ['finance/segment-well-managed', 3, 2],
      ['finance/variance-not-severe', -3, -2],
    ]);
  });

  it('worked example 1 end to end: the path is the gate, and the checks are the finance thresholds it misses', async () => {
    // 1% adverse, segment 2, 95% of efficiencies: not well managed (off plan by more than 0.5%).
    const { proposed, findings } = await gateFindings(-1, 2, 95);
    expect(proposed).to.deep.equal({ status: 'not-well-managed' });
    const ids = pack.criteria.filter((criterion) => criterion.kind === 'scored').map((criterion) => criterion.id);
    const scores = [4, 4, 4, 4, 4, 3, 4, 4, 4].map((score, index) => ({ criterion: ids[index] as string, score }));
    const route = await pathToNextRating(pack.manifest, scores, 'not-well-managed');
    if (route.status !== 'path') throw new Error(route.status);
    const [needed] = checksForPath(route.changes, pack.criteria, { [gate.id]: findings });
    expect(needed?.change).to.deep.include({ kind: 'gate', to: 'well-managed' });
    expect(needed?.checks?.status === 'checks' && needed.checks.unmet.map((check) => [check.check, check.label, check.value, check.threshold])).to.deep.equal([
      ['finance/on-plan', gate.evidence.facts.outturnVariancePercent?.label, -1, -0.5],
    ]);
  });
});
