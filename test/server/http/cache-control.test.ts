import { expect } from 'chai';
import { apiRouteTable } from '../../../server/http/route-table.ts';
import { pageTable } from '../../../server/web/page-table.ts';
import { RouteRequests, routeVariants } from '../../support/route-requests.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/**
 * Nothing a person sees is kept by a shared cache or the browser: every route of the API's route
 * table and every web page answers `Cache-Control: private, no-store`, whether it succeeds, is
 * refused or redirects (exports, audit trails, calibration CSVs and users among them).
 */
describe('Cache-Control on every API route and web page (real server)', function () {
  this.timeout(300_000);
  let web: TestServer;
  let requests: RouteRequests;
  before(async () => {
    web = await startTestServer();
    requests = new RouteRequests(web);
  });
  after(() => web?.stop());

  it('answers every route of the API’s table with private, no-store, as the administrator and without a token', async () => {
    const wrong: string[] = [];
    let succeeded = 0;
    for (const variant of routeVariants(apiRouteTable('test', async () => 'connected'))) {
      const request = await requests.prepare(variant, 'QOX', { fresh: variant.route.method !== 'get' });
      for (const token of [web.adminToken, null]) {
        const response = await web.call(token, request.method, request.path, request.body);
        if (token !== null && response.status < 300) succeeded += 1;
        const header = response.headers.get('cache-control');
        if (header !== 'private, no-store') wrong.push(`${variant.name} (${token === null ? 'no token' : 'admin'}, ${response.status}): ${header}`);
      }
    }
    expect(wrong).to.deep.equal([]);
    expect(succeeded, 'most calls succeeded, so answers that carry data were checked').to.be.at.least(30);
  });

  it('answers every web page of the table with private, no-store, signed in and not', async () => {
    const assessment = await requests.sharedAssessment('QOX');
    const samples: Record<string, string> = { id: assessment, perspective: 'self', criterion: 'hosc-effectiveness', userId: web.admin.userId, code: 'QOX', table: 'distribution' };
    const session = await web.server.services.sessions.start(web.admin.userId);
    const wrong: string[] = [];
    for (const page of pageTable) {
      const path = page.path.replace(/:(\w+)/g, (_match, name: string) => {
        if (samples[name] === undefined) throw new Error(`No sample value for :${name} in ${page.path}: add one to this test`);
        return samples[name]!;
      });
      const query = path.endsWith('.csv') ? '?period=2025/26' : '';
      for (const cookie of [`__Host-ics-session=${session}; ics-session=${session}`, null]) {
        const response = await fetch(`${web.url}${path}${query}`, { method: page.method.toUpperCase(), redirect: 'manual', headers: cookie === null ? {} : { cookie } });
        await response.arrayBuffer();
        const header = response.headers.get('cache-control');
        if (header !== 'private, no-store') wrong.push(`${page.method.toUpperCase()} ${path} (${cookie === null ? 'not signed in' : 'admin'}, ${response.status}): ${header}`);
      }
    }
    expect(wrong).to.deep.equal([]);
  });
});
