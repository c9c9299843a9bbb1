import { expect } from 'chai';
import { defaultPackDirectory, packVersionsDirectory } from '../../../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../../../assessments/rule-pack/load-pack.ts';
import type { RulePack } from '../../../assessments/rule-pack/rule-pack.ts';
import { rulesDifference } from '../../../assessments/trends/rules-difference.ts';
import { createLogger } from '../../../server/log.ts';
import { AssessmentRecords } from '../../../server/persistence/assessment-records.ts';
import { AssessmentService } from '../../../server/services/assessment-service.ts';
import { systemClock } from '../../../server/services/clock.ts';
import { CriterionService } from '../../../server/services/criterion-service.ts';
import { GoodPracticeIndex } from '../../../server/services/good-practice-index.ts';
import { PackRegistry } from '../../../server/services/pack-registry.ts';
import { packChangelog, TrendService } from '../../../server/services/trend-service.ts';
import { hoscEvidenceScoring4 } from '../../support/evidence.ts';
import { copyShippedPack, type TemporaryPack } from '../../support/temporary-pack.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/** The next minor version after the newest shipped one: the revision this test makes. */
const nextMinor = (version: string): string => {
  const [major, minor] = version.split('.').map(Number);
  return `${major}.${minor! + 1}.0`;
};

/** The CHANGELOG entry of that revision. */
const revisionOf = (version: string) => `
## ${version} — 2027-03-01
- hosc-effectiveness: 4 now needs 6 system-level scrutiny sessions in 12 months (was 4), after
  the first year's calibration.
- Wording of the learning culture hints (no change to any rule).
`;

describe('a trend across a rule pack revision (real database)', function () {
  this.timeout(120_000);
  let api: TestServer;
  let copy: TemporaryPack;
  let shipped: RulePack;
  let revised: RulePack;
  let version: string;
  let revision: string;

  before(async () => {
    shipped = await loadRulePack(defaultPackDirectory);
    version = nextMinor(shipped.version);
    revision = revisionOf(version);
    copy = await copyShippedPack();
    await copy.editJson('criteria/hosc-effectiveness.json', (json) => {
      json.parameters.sessionsForExceptional.value = 6;
    });
    await copy.editJson('manifest.json', (json) => {
      json.version = version;
    });
    // The shipped CHANGELOG is the pack's, beside its version folders (rules/hewitt-3.122/CHANGELOG.md), as the server reads it.
    const shippedChangelog = await packChangelog(packVersionsDirectory);
    expect(shippedChangelog, 'the shipped CHANGELOG').to.contain(`## ${shipped.version}`);
    await copy.writeText('CHANGELOG.md', `${shippedChangelog}${revision}`);
    revised = await loadRulePack(copy.directory);
    api = await startTestServer();
  });
  after(async () => {
    await api?.stop();
    await copy?.remove();
  });

  it('names only the criteria whose rules differ, with what the CHANGELOG says changed; same pack, no difference', () => {
    expect(rulesDifference(shipped, shipped, '')).to.equal(null);
    const difference = rulesDifference(shipped, revised, `${revision}`);
    expect(difference?.from.version).to.equal(shipped.version);
    expect(difference?.to.version).to.equal(version);
    expect(difference?.rating).to.equal(false);
    expect(difference?.criteria).to.deep.equal([
      { criterion: 'hosc-effectiveness', changes: [`${version}: hosc-effectiveness: 4 now needs 6 system-level scrutiny sessions in 12 months (was 4), after the first year's calibration.`] },
    ]);
  });

  it('marks the point scored under the revised pack, and only that one, with the change', async () => {
    const { models, connection } = api.server.database;
    // 2025/26 under the shipped pack, through the running server.
    const before = await api.call(api.adminToken, 'POST', '/api/v1/assessments', { system: 'QWO', period: '2025/26' });
    await api.call(api.adminToken, 'PUT', `/api/v1/assessments/${before.body.id}/perspectives/self/criteria/hosc-effectiveness/evidence`, { basedOnVersion: 0, evidence: hoscEvidenceScoring4() });
    // 2026/27 under the revised pack, made current for a second set of services on the same database.
    const packs = new PackRegistry(revised, [shipped]);
    const records = new AssessmentRecords(connection, api.server.database.layout);
    const assessments = new AssessmentService(models, records, packs, systemClock);
    const criteria = new CriterionService(assessments, records, packs, systemClock, new GoodPracticeIndex(models, assessments, packs, systemClock, createLogger('silent')));
    const admin = { userId: api.admin.userId, name: 'Administrator', role: 'admin' as const, system: null };
    const after = await assessments.create({ system: 'QWO', period: '2026/27' }, admin);
    await criteria.saveEvidence(after.id, 'self', 'hosc-effectiveness', 0, hoscEvidenceScoring4(), admin);
    const trends = new TrendService(api.server.services.systems, assessments, packs, await packChangelog(copy.directory));

    const trend = await trends.forSystem('QWO', admin);
    const [first, second] = trend.series.at(-1)!.points;
    expect(first).to.include({ period: '2025/26', differentRules: null });
    expect(first!.scores['hosc-effectiveness']).to.equal(4);
    expect(second!.period).to.equal('2026/27');
    expect(second!.scores['hosc-effectiveness'], 'the same evidence scores lower under the stricter rule').to.equal(3);
    expect(second!.differentRules?.comparedWith).to.deep.equal({ period: '2025/26', system: 'QWO' });
    expect(second!.differentRules?.criteria.map((criterion) => criterion.criterion)).to.deep.equal(['hosc-effectiveness']);
    expect(second!.differentRules?.criteria[0]!.changes[0]).to.contain('4 now needs 6 system-level scrutiny sessions');
    expect(await trends.csv('QWO', admin)).to.contain(`hosc-effectiveness: ${version}: hosc-effectiveness: 4 now needs 6`);
  });
});
