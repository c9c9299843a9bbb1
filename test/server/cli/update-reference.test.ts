import { expect } from 'chai';
import { runCli } from '../../support/run-cli.ts';
import { startTestServer } from '../../support/test-server.ts';

describe('ics-maturity update-reference', function () {
  this.timeout(240_000);

  it('brings a database made before the April 2026 map up to date, twice without changing anything the second time, and moves no assessment', async () => {
    // A database as an earlier version left it: the 42 systems of 2022 without in-force dates, no successions.
    const first = await startTestServer();
    const { models } = first.server.database;
    const assessment = await first.call(first.adminToken, 'POST', '/api/v1/assessments', { system: 'QXU', period: '2025/26' });
    expect(assessment.status).to.equal(201);
    const newer = ['S1Y5D', 'D7T5G', 'T6Y0W', 'S0E4D', 'S9B9J', 'Z9B2Z'];
    for (const code of newer) {
      await models.systems.collection.deleteOne({ odsCode: code });
      await models.systemChanges.collection.deleteMany({ odsCode: code });
    }
    await models.successions.collection.deleteMany({});
    await models.systems.collection.updateMany({}, { $unset: { inForceFrom: '', inForceUntil: '' }, $set: { status: 'active' } });
    await models.systems.collection.updateOne({ odsCode: 'QRL' }, { $set: { onsCode: 'E54000042' } });
    // The assessment as stored, less its state (derived data: caches of scores may be added to it at any read).
    const withoutState = (document: Record<string, unknown> | null) => (document === null ? null : Object.fromEntries(Object.entries(document).filter(([field]) => field !== 'state')));
    await first.server.services.summaries.idle();
    const storedAssessment = withoutState(await models.assessments.collection.findOne({ _id: assessment.body.id as never }));
    await first.stop({ keepData: true });

    const env = { DATA_DIR: first.dataDir, SEED_DEMO: 'false' };
    const once = await runCli(['update-reference'], env);
    expect(once.code, once.stderr).to.equal(0);
    expect(once.stdout).to.match(/^Reference data: 6 systems added, \d+ updated, 16 successions recorded\.$/m);
    const twice = await runCli(['update-reference'], env);
    expect(twice.code, twice.stderr).to.equal(0);
    expect(twice.stdout).to.contain('Reference data: 0 systems added, 0 updated, 0 successions recorded.');

    const again = await startTestServer({}, first.dataDir);
    try {
      const systems = again.server.services.systems;
      expect(await systems.get('QXU')).to.include({ inForceFrom: '2022-07-01', inForceUntil: '2026-04-01', status: 'retired' });
      expect((await systems.get('S9B9J')).predecessors.map((link) => link.system)).to.have.members(['QNQ', 'QNX', 'QXU']);
      expect(await systems.get('QRL')).to.include({ onsCode: 'E54000067', inForceUntil: null });
      expect(withoutState(await again.server.database.models.assessments.collection.findOne({ _id: assessment.body.id as never })), 'the assessment is as it was').to.deep.equal(storedAssessment);
    } finally {
      await again.stop();
    }
  });
});
