import { expect } from 'chai';
import { apiRouteTable } from '../../../server/http/route-table.ts';
import { documentedStatuses } from '../../support/documented-statuses.ts';
import { hostileVariations } from '../../support/hostile-requests.ts';
import { RouteRequests, routeVariants } from '../../support/route-requests.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const bodyLimit = 64 * 1024;

// Every write endpoint of the route table gets hostile variations of a request that is valid (and
// shown to succeed afterwards), sent by the administrator, so nothing but the hostile part can be
// the reason for a refusal: each must get a clear 4xx problem, and change nothing at all.
describe('hostile input on every write endpoint: a clear 4xx, and nothing changed (real server)', function () {
  this.timeout(300000);
  const routes = apiRouteTable('test', async () => 'connected');
  const documented = documentedStatuses(routes);
  let api: TestServer;
  let requests: RouteRequests;

  before(async () => {
    api = await startTestServer({ BODY_LIMIT: `${bodyLimit / 1024}kb` });
    requests = new RouteRequests(api);
  });
  after(() => api?.stop());

  /** What anyone could observe of the data: assessments (and the named one's audit), systems, users, tokens. */
  async function everything(path: string): Promise<string> {
    const id = /^\/api\/v1\/assessments\/([0-9a-f-]{36})/.exec(path)?.[1];
    const paths = ['/api/v1/assessments?pageSize=100', '/api/v1/systems', '/api/v1/users', '/api/v1/tokens', ...(id === undefined ? [] : [`/api/v1/assessments/${id}/audit`])];
    return JSON.stringify(await Promise.all(paths.map(async (where) => (await api.call(api.adminToken, 'GET', where)).body)));
  }

  const firstOfEachRoute = routeVariants(routes).filter((variant, index, all) => variant.route.method !== 'get' && all.findIndex((other) => other.route === variant.route) === index);

  for (const variant of firstOfEachRoute) {
    it(variant.name, async () => {
      const request = await requests.prepare(variant, 'QOX', { fresh: true });
      const before = await everything(request.path);
      const wrong: string[] = [];
      for (const hostile of hostileVariations(request, { bodyBytes: bodyLimit, longText: 30_000 })) {
        const response = await fetch(`${api.url}${hostile.path}`, {
          method: request.method,
          headers: { authorization: `Bearer ${api.adminToken}`, ...(hostile.contentType === null ? {} : { 'content-type': hostile.contentType }) },
          body: hostile.body === '' ? undefined : typeof hostile.body === 'string' ? hostile.body : Buffer.from(hostile.body),
        });
        const text = await response.text();
        const problem = JSON.parse(text.startsWith('{') ? text : '{}') as { status?: number; detail?: string };
        if (response.status !== hostile.status) wrong.push(`${hostile.name}: expected ${hostile.status}, got ${response.status} ${text.slice(0, 160)}`);
        if (!response.headers.get('content-type')?.startsWith('application/problem+json') || problem.status !== response.status || !(problem.detail ?? '').trim()) wrong.push(`${hostile.name}: not a clear problem+json (${text.slice(0, 120)})`);
        if (/\.(ts|js):\d+|node_modules|Mongo|E11000/.test(text)) wrong.push(`${hostile.name}: the answer shows internals`);
        if (!documented(variant.route).includes(response.status)) wrong.push(`${hostile.name}: ${response.status} is not documented for this route`);
        if (Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted') || ({} as { role?: unknown }).role !== undefined) wrong.push(`${hostile.name}: Object.prototype was polluted`);
      }
      expect(wrong).to.deep.equal([]);
      expect(await everything(request.path), 'nothing may have changed').to.equal(before);

      // The control: the same request without its hostile parts succeeds.
      const control = await api.call(api.adminToken, request.method, request.path, request.body);
      expect(control.status, JSON.stringify(control.body)).to.be.within(200, 299);
    });
  }
});
