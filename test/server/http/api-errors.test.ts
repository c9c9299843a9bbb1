import { expect } from 'chai';
import { apiRouteTable } from '../../../server/http/route-table.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('REST API: errors, limits and the OpenAPI document', function () {
  this.timeout(60000);
  let api: TestServer;
  before(async () => {
    api = await startTestServer({ BODY_LIMIT: '2kb' });
  });
  after(() => api.stop());

  const problemOf = (response: { headers: Headers; body: { status: number } }) => {
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
    return response.body;
  };

  it('401 without a token, with a malformed header, or with an unknown token (public routes ignore credentials)', async () => {
    for (const headers of [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer icsm_not-a-real-token' }] as Array<Record<string, string>>) {
      const response = await api.call(null, 'GET', '/api/v1/assessments', undefined, headers);
      expect(response.status).to.equal(401);
      expect(response.headers.get('www-authenticate')).to.match(/^Bearer/);
      expect(problemOf(response).status).to.equal(401);
    }
    // Public routes ignore credentials: a stale token cannot break a health check.
    expect((await api.call(null, 'GET', '/api/v1/health', undefined, { authorization: 'Bearer icsm_revoked' })).status).to.equal(200);
  });

  it('403 for a signed-in user on an administrator route', async () => {
    const assessor = await api.tokenFor('assessor');
    expect((await api.call(assessor, 'POST', '/api/v1/systems', { odsCode: 'QZZ', onsCode: 'E54000099', name: 'Test', shortName: 'Test', region: 'London' })).status).to.equal(403);
  });

  it('413 for a body over the configured limit, 415 for a body that is not JSON, 400 for broken JSON or bad UTF-8', async () => {
    const big = await api.call(api.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26', padding: 'x'.repeat(4000) });
    expect(big.status).to.equal(413);
    expect(problemOf(big).status).to.equal(413);
    expect((await api.call(api.adminToken, 'POST', '/api/v1/assessments', 'system=QOX', { 'content-type': 'application/x-www-form-urlencoded' })).status).to.equal(415);
    expect((await api.call(api.adminToken, 'POST', '/api/v1/assessments', '{"system": "QOX",', {})).status).to.equal(400);
    const response = await fetch(`${api.url}/api/v1/assessments`, { method: 'POST', headers: { authorization: `Bearer ${api.adminToken}`, 'content-type': 'application/json' }, body: Buffer.from([0x7b, 0x22, 0x73, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) });
    expect(response.status).to.equal(400);
    expect(((await response.json()) as { detail: string }).detail).to.equal('The body is not valid UTF-8.');
  });

  it('refuses query operators and prototype keys in bodies and query strings with a 400, changing nothing', async () => {
    const operator = await api.call(api.adminToken, 'POST', '/api/v1/assessments', { system: { $gt: '' }, period: '2025/26' });
    expect(operator.status).to.equal(400);
    expect(operator.body.errors[0].path).to.equal('system');
    const proto = await api.call(api.adminToken, 'POST', '/api/v1/assessments', '{"system":"QOX","period":"2025/26","__proto__":{"admin":true}}');
    expect(proto.status).to.equal(400);
    const query = await api.call(api.adminToken, 'GET', '/api/v1/assessments?status[$ne]=draft');
    expect(query.status).to.equal(400);
    expect((await api.call(api.adminToken, 'GET', '/api/v1/assessments')).body.total).to.equal(0);
  });

  it('404 as problem+json for an unknown API path or a malformed id, never a stack trace', async () => {
    const unknown = await api.call(api.adminToken, 'GET', '/api/v1/nothing-here');
    expect(unknown.status).to.equal(404);
    expect(problemOf(unknown).status).to.equal(404);
    const malformed = await api.call(api.adminToken, 'GET', '/api/v1/assessments/not-a-uuid');
    expect(malformed.status).to.equal(404);
    expect(JSON.stringify(malformed.body)).to.not.match(/\.ts:\d+|node_modules/);
  });

  it('publishes an OpenAPI 3.1 document covering every route of the route table, and a readable reference page', async () => {
    const document = await api.call(null, 'GET', '/api/v1/openapi.json');
    expect(document.status).to.equal(200);
    expect(document.body.openapi).to.equal('3.1.0');
    const documented = Object.entries(document.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`));
    const routes = apiRouteTable('test', async () => 'connected').map((route) => `${route.method} ${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    expect(documented).to.have.members(routes);
    const evidence = document.body.paths['/api/v1/assessments/{id}/perspectives/{perspective}/criteria/{criterion}/evidence'].put;
    expect(evidence['x-access']).to.deep.equal({ kind: 'assessment', action: 'write-perspective' });
    expect(evidence.requestBody.content['application/json'].schema.required).to.have.members(['basedOnVersion', 'evidence']);
    expect(Object.keys(evidence.responses)).to.include.members(['200', '400', '401', '403', '409', '413', '415', '503']);
    const page = await fetch(`${api.url}/api/v1/docs`);
    expect(page.headers.get('content-type')).to.match(/^text\/html/);
    const html = await page.text();
    expect(html).to.contain('<title>API reference – ICS maturity assessment</title>');
    expect(html).to.contain('/api/v1/assessments/{id}/perspectives/{perspective}/criteria/{criterion}/evidence');
  });
});
