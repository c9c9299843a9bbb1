import { expect } from 'chai';
import { currentPeriodYear, periodStarting } from '../../../assessments/workflow/plausible-periods.ts';
import { apiRouteTable } from '../../../server/http/route-table.ts';
import { createLogger } from '../../../server/log.ts';
import { systemClock } from '../../../server/services/clock.ts';
import { GoodPracticeIndex } from '../../../server/services/good-practice-index.ts';
import { inputValueOf } from '../../support/page-html.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { WebClient } from '../../support/web-client.ts';

/** Issue 13, finding 7: one user must not grow the database without bound, nor make a restart slow to serve. */
describe('Unbounded growth by one user (issue 13, finding 7)', function () {
  this.timeout(120_000);
  let api: TestServer;

  before(async () => {
    api = await startTestServer();
  });
  after(() => api?.stop());

  it('accepts only plausible periods, from 2022/23 to next year’s by the clock, naming the window in a field-level error', async () => {
    const token = await api.tokenFor('assessor');
    const next = periodStarting(currentPeriodYear(new Date()) + 1);
    const window = `Choose a period from 2022/23 (integrated care boards began on 1 July 2022) to ${next}`;
    for (const period of ['1100/01', '2021/22', periodStarting(currentPeriodYear(new Date()) + 2), '2365/66']) {
      const refused = await api.call(token, 'POST', '/api/v1/assessments', { system: 'QOX', period });
      expect(refused.status, period).to.equal(400);
      expect(refused.body.errors).to.deep.equal([{ path: 'period', message: window }]);
    }
    for (const period of ['2022/23', next]) expect((await api.call(token, 'POST', '/api/v1/assessments', { system: 'QOX', period })).status, period).to.equal(201);
    const listed = await api.call(token, 'GET', '/api/v1/assessments');
    expect(listed.body.items.map((item: { period: string }) => item.period).sort()).to.deep.equal(['2022/23', next].sort());
  });

  it('defaults the calibration page to the latest plausible period, never one stored before periods were checked', async () => {
    const id = (await api.call(api.adminToken, 'POST', '/api/v1/assessments', { system: 'QUA', period: '2025/26' })).body.id as string;
    const stored = await api.server.database.models.assessments.findOne({ _id: id }).lean();
    await api.server.database.models.assessments.create({ ...stored, _id: `${id}-old`, period: '2365/66' });
    const assessor = new WebClient(api.url);
    await assessor.signIn(await api.account('assessor'));
    const page = await assessor.get('/calibration');
    expect(page.status).to.equal(200);
    expect(inputValueOf(page.html, 'period')).to.equal(periodStarting(currentPeriodYear(new Date()) + 1));
  });

  it('serves while the good practice index is rebuilt after a start: good practice is 503 with Retry-After, health says "starting"', async () => {
    const index = new GoodPracticeIndex(api.server.database.models, api.server.services.assessments, api.server.services.packs, systemClock, createLogger('silent'));
    expect(index.starting()).to.equal(true);
    const early = await index.sharedIn('2025/26').then(() => null, (error: unknown) => error);
    expect(early).to.include({ name: 'UnavailableError', retryAfterSeconds: 5 });
    const health = apiRouteTable('test', async () => 'connected', () => index.starting()).find((route) => route.path === '/api/v1/health')!;
    expect((await health.handle({ principal: null, params: {}, query: {}, body: undefined, services: api.server.services })).body).to.deep.equal({ status: 'starting', database: 'connected' });
    await index.rebuild();
    expect(index.starting()).to.equal(false);
    expect(await index.sharedIn('2025/26')).to.be.an('array');
    expect((await health.handle({ principal: null, params: {}, query: {}, body: undefined, services: api.server.services })).body).to.deep.equal({ status: 'ok', database: 'connected' });
    // The real server listened first and reports "ok" once its own rebuild has ended.
    await api.server.started;
    expect((await api.call(null, 'GET', '/api/v1/health')).body.status).to.equal('ok');
  });
  describe('with a write rate of 12 at once, then 1 a minute', () => {
    let limited: TestServer;
    before(async () => {
      limited = await startTestServer({ WRITE_BURST: '12', WRITE_RATE_PER_MINUTE: '1' });
    });
    after(() => limited?.stop());

    it('refuses a user’s writes past their burst with 429, Retry-After and a clear message, while reads and other users go on', async () => {
      const [greedy, other] = [await limited.tokenFor('assessor'), await limited.tokenFor('assessor')];
      const create = (token: string, period: string, system: string) => limited.call(token, 'POST', '/api/v1/assessments', { system, period });
      // Systems in force in 2024/25: an assessment is only made for a system in force in its period.
      const systems = (await limited.call(greedy, 'GET', '/api/v1/systems?status=active&period=2024%2F25')).body.slice(0, 14).map((system: { odsCode: string }) => system.odsCode);
      const answers = [];
      for (const system of systems) answers.push(await create(greedy, '2024/25', system));
      expect(answers.map((answer) => answer.status)).to.deep.equal([...Array(12).fill(201), 429, 429]);
      const refused = answers[12]!;
      expect(Number(refused.headers.get('retry-after'))).to.be.within(1, 60);
      expect(refused.body.detail).to.match(/^You have made more than 12 changes in a short time, which is more than anyone needs; nothing was changed\. Try again in \d+ s\.$/);
      expect((await limited.call(greedy, 'GET', '/api/v1/assessments?period=2024%2F25')).body.items).to.have.length(12);
      expect((await create(other, '2023/24', 'QHG')).status).to.equal(201);
    });

    it('counts a signed-in person’s form posts too: past the burst the page says so (429)', async () => {
      const id = (await limited.call(limited.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' })).body.id as string;
      const team = new WebClient(limited.url);
      await team.signIn(await limited.account('system-user', 'QOX'));
      await team.get(`/assessments/${id}/sharing`);
      const statuses: number[] = [];
      for (let post = 0; post < 13; post += 1) statuses.push((await team.post(`/assessments/${id}/sharing`, { basedOnVersion: String(post), shareGoodPractice: post % 2 === 0 ? 'yes' : 'no' })).status);
      // The sign-in post was made with no session, so all twelve writes are the form's.
      expect(statuses).to.deep.equal([...Array(12).fill(303), 429]);
      const last = await team.post(`/assessments/${id}/sharing`, { basedOnVersion: '12', shareGoodPractice: 'yes' });
      expect(last.status).to.equal(429);
      expect(last.html).to.contain('You have sent too many requests');
      expect(last.headers.get('retry-after')).to.match(/^\d+$/);
    });
  });
});
