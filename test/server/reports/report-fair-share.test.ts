import { expect } from 'chai';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/** Issue 13, finding 9: one reader sending many report requests at once must not deny reports to everyone else. */
describe('the render queue is shared fairly between users (real Chromium)', function () {
  this.timeout(120_000);
  let api: TestServer;
  let id: string;

  before(async () => {
    // One page, three may wait, two in flight per user: one reader alone could fill the queue.
    api = await startTestServer({ REPORT_POOL_SIZE: '1', REPORT_QUEUE_MAX: '3', REPORT_PER_USER: '2' });
    id = (await api.call(api.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' })).body.id;
  });
  after(() => api?.stop());

  it('refuses one user’s reports past 2 in flight with 429 and Retry-After, while another user’s report is still made', async () => {
    const [greedy, other] = [await api.tokenFor('board-viewer', 'QOX'), await api.tokenFor('assessor')];
    const pdf = (token: string) => api.call(token, 'GET', `/api/v1/assessments/${id}/report.pdf`);
    const [theirs, ...mine] = await Promise.all([pdf(other), ...Array.from({ length: 8 }, () => pdf(greedy))]);
    expect(theirs!.status).to.equal(200);
    expect(theirs!.headers.get('content-type')).to.equal('application/pdf');
    const refused = mine.filter((answer) => answer.status === 429);
    expect(mine.filter((answer) => answer.status !== 429).map((answer) => answer.status)).to.satisfy((statuses: number[]) => statuses.length >= 1 && statuses.every((status) => status === 200));
    expect(refused.length).to.be.at.least(5);
    for (const answer of refused) {
      expect(answer.headers.get('retry-after')).to.equal('5');
      expect(answer.body.detail).to.match(/^You already have 2 reports being made; each person may have 2 at once/);
    }
    // Once theirs are made, the same user is served again.
    expect((await pdf(greedy)).status).to.equal(200);
  });
});
