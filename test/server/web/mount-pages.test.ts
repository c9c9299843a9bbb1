import { expect } from 'chai';
import type { Server } from 'node:http';
import { ValidationError } from '../../../assessments/errors.ts';
import { assessmentParams } from '../../../server/http/schemas.ts';
import { createApp } from '../../../server/http/app.ts';
import { createLogger } from '../../../server/log.ts';
import { systemClock } from '../../../server/services/clock.ts';
import { loadSiteKey } from '../../../server/services/site-key.ts';
import type { PageRoute } from '../../../server/web/page.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { WebClient } from '../../support/web-client.ts';

/** Pages made for this test, mounted by the real mounter on the real services, to pin what it does for any page. */
const testPages: PageRoute[] = [
  {
    method: 'get',
    path: '/test/assessments/:id',
    access: { kind: 'assessment', action: 'read' },
    params: assessmentParams,
    handle: async ({ params }) => ({ view: 'error', title: 'Test page', model: { heading: 'An assessment', message: `Seen ${params.id}` } }),
  },
  {
    method: 'post',
    path: '/test/assessments/:id/moderate',
    access: { kind: 'assessment', action: 'moderate' },
    params: assessmentParams,
    handle: async ({ form }) => ({ redirect: '/test/flash', flash: `Moderated: ${String(form.note)}` }),
  },
  { method: 'get', path: '/test/flash', access: { kind: 'signed-in' }, handle: async () => ({ view: 'error', title: 'After a redirect', model: { heading: 'Next page', message: 'Here' } }) },
  {
    method: 'post',
    path: '/test/nested',
    access: { kind: 'signed-in' },
    handle: async ({ form }) => ({ download: { body: JSON.stringify(form), type: 'application/json', filename: 'form "echo".json' } }),
  },
  {
    method: 'get',
    path: '/test/boom',
    access: { kind: 'signed-in' },
    handle: async () => {
      throw new Error('a secret detail of the failure');
    },
  },
  {
    method: 'get',
    path: '/test/unhandled-validation',
    access: { kind: 'signed-in' },
    handle: async () => {
      throw new ValidationError('The thing is not valid', [{ path: 'x', message: 'Enter x' }]);
    },
  },
  { method: 'get', path: '/test/missing-model', access: { kind: 'signed-in' }, handle: async () => ({ view: 'error', title: 'Missing', model: { heading: 'No message given' } }) },
  { method: 'get', path: '/test/offsite', access: { kind: 'signed-in' }, handle: async () => ({ redirect: '//evil.example/' }) },
];

describe('Web pages: what the mounter does for every page', function () {
  this.timeout(120_000);
  let web: TestServer;
  let server: Server;
  let url: string;
  let own: string;
  let others: string;

  const startApp = async (databaseReady: () => boolean): Promise<{ server: Server; url: string }> => {
    const app = createApp({
      services: web.server.services,
      routes: [],
      bodyLimitBytes: 1024 * 1024,
      log: createLogger('silent'),
      databaseReady,
      web: { pages: testPages, signingKey: await loadSiteKey(web.server.database.models, systemClock), cookieSecure: true, protectiveMarking: 'OFFICIAL-SENSITIVE' },
    });
    const listening = await new Promise<Server>((resolve) => {
      const started = app.listen(0, '127.0.0.1', () => resolve(started));
    });
    const address = listening.address();
    return { server: listening, url: `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}` };
  };

  const as = async (role: 'system-user' | 'assessor', system: string | null = null) => {
    const client = new WebClient(url);
    const account = await web.account(role, system);
    client.cookies.set('__Host-ics-session', await web.server.services.sessions.start(account.userId));
    client.csrfToken = (await web.server.services.sessions.find(client.cookies.get('__Host-ics-session')!))!.csrfToken;
    return client;
  };

  before(async () => {
    web = await startTestServer();
    ({ server, url } = await startApp(() => true));
    own = (await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' })).body.id;
    others = (await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system: 'QHG', period: '2025/26' })).body.id;
  });
  after(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await web?.stop();
  });

  it('shows a system user their own system’s assessment, and answers 404 for another system’s, as if it did not exist', async () => {
    const client = await as('system-user', 'QOX');
    const mine = await client.get(`/test/assessments/${own}`);
    expect(mine.status).to.equal(200);
    expect(mine.html).to.contain(`Seen ${own}`).and.contain('OFFICIAL-SENSITIVE');
    const theirs = await client.get(`/test/assessments/${others}`);
    expect(theirs.status).to.equal(404);
    expect(theirs.html).to.contain('<title>Error: Page not found – ICS maturity assessment</title>');
    // Each rendered form has its own random form token: the pages are otherwise the same, byte for byte.
    const withoutFormTokens = (html: string) => html.replace(/name="_form" value="[^"]*"/g, 'name="_form" value=""');
    expect(withoutFormTokens(theirs.html)).to.equal(withoutFormTokens((await client.get('/test/assessments/00000000-0000-4000-8000-000000000000')).html), 'the same page as for an id that does not exist');
  });

  it('answers 404 for a path whose params do not parse', async () => {
    expect((await (await as('assessor')).get('/test/assessments/not-a-uuid')).status).to.equal(404);
  });

  it('answers 403 for an action the person may not do to an assessment they can see, and runs nothing', async () => {
    const client = await as('system-user', 'QOX');
    const answer = await client.post(`/test/assessments/${own}/moderate`, { note: 'x' });
    expect(answer.status).to.equal(403);
    expect(answer.html).to.contain('<title>Error: You cannot do that – ICS maturity assessment</title>');
  });

  it('redirects with 303 after a POST and shows its message once on the next page', async () => {
    const client = await as('assessor');
    const answer = await client.post(`/test/assessments/${own}/moderate`, { note: 'agreed <b>3</b>' });
    expect(answer).to.include({ status: 303, location: '/test/flash' });
    const next = await client.get('/test/flash');
    expect(next.html).to.contain('Moderated: agreed &lt;b&gt;3&lt;/b&gt;');
    expect((await client.get('/test/flash')).html).to.not.contain('Moderated:');
  });

  it('ignores a message cookie the server did not sign', async () => {
    const client = await as('assessor');
    client.cookies.set('__Host-ics-flash', `${Buffer.from('Your account is suspended: call 0900…').toString('base64url')}.forged`);
    expect((await client.get('/test/flash')).html).to.not.contain('suspended');
  });

  it('parses nested form names with qs (sectors[0][name]) and drops _csrf; a download is an attachment with a safe file name', async () => {
    const client = await as('assessor');
    const answer = await client.post('/test/nested', { 'sectors[0][name]': 'VCFSE', 'sectors[0][mean]': '3.5', 'sectors[1][name]': 'ICB' });
    expect(answer.status).to.equal(200);
    expect(JSON.parse(answer.html)).to.deep.equal({ sectors: [{ name: 'VCFSE', mean: '3.5' }, { name: 'ICB' }] });
    expect(answer.headers.get('content-disposition')).to.equal('attachment; filename="form-echo-.json"');
  });

  it('shows an unexpected error as a 500 page with a reference, never its message or stack', async () => {
    const answer = await (await as('assessor')).get('/test/boom');
    expect(answer.status).to.equal(500);
    expect(answer.html).to.contain('<title>Error: Sorry, there is a problem with the service – ICS maturity assessment</title>').and.match(/Reference: [0-9a-f-]{36}\./);
    expect(answer.html).to.not.contain('secret detail').and.not.contain('.ts:');
  });

  it('shows a ValidationError a page did not handle as a 400 page', async () => {
    const answer = await (await as('assessor')).get('/test/unhandled-validation');
    expect(answer.status).to.equal(400);
    expect(answer.html).to.contain('The thing is not valid');
  });

  it('renders templates in strict mode: a name the model lacks is an error, not an empty string', async () => {
    expect((await (await as('assessor')).get('/test/missing-model')).status).to.equal(500);
  });

  it('never redirects to another site', async () => {
    expect((await (await as('assessor')).get('/test/offsite')).status).to.equal(500);
  });

  it('sends someone not signed in to the sign-in page with where they were going', async () => {
    expect((await new WebClient(url).get('/test/flash?a=1')).location).to.equal('/sign-in?next=%2Ftest%2Fflash%3Fa%3D1');
  });

  it('answers 503 with Retry-After while the database is away, and reads nothing', async () => {
    const down = await startApp(() => false);
    try {
      const answer = await new WebClient(down.url).get('/test/flash');
      expect(answer.status).to.equal(503);
      expect(answer.headers.get('retry-after')).to.equal('5');
      expect(answer.html).to.contain('<title>Error: Sorry, the service is unavailable – ICS maturity assessment</title>');
    } finally {
      await new Promise((resolve) => down.server.close(resolve));
    }
  });
});
