import { expect } from 'chai';
import type { Role } from '../../../assessments/access/roles.ts';
import type { Access, Route } from '../../../server/http/route.ts';
import { apiRouteTable } from '../../../server/http/route-table.ts';
import { documentedStatuses } from '../../support/documented-statuses.ts';
import { hoscEvidenceScoring4 } from '../../support/evidence.ts';
import type { PageRoute } from '../../../server/web/page.ts';
import { pageTable } from '../../../server/web/page-table.ts';
import { RouteRequests, routeVariants } from '../../support/route-requests.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { stepTo } from '../../support/workflow-steps.ts';

// Every route of the API's route table, called by every kind of caller, for an assessment (or
// system) of the caller's own system and of another, on a real server. What each call should get
// comes from the route's declared access and the small oracle below, written from the README's
// description of the roles, not from the code under test.

interface Caller {
  name: string;
  role: Role | null;
  system: string | null;
}

const own = 'QOX';
const other = 'QUA'; // a system in force in every period the requests use (from 2030/31)
const callers: Caller[] = [
  { name: 'admin', role: 'admin', system: null },
  { name: 'assessor', role: 'assessor', system: null },
  { name: 'peer reviewer', role: 'peer-reviewer', system: null },
  { name: `system user of ${own}`, role: 'system-user', system: own },
  { name: `board viewer of ${own} only`, role: 'board-viewer', system: own },
  { name: 'board viewer of every system', role: 'board-viewer', system: null },
  { name: 'no token', role: null, system: null },
];

/** The oracle: which roles may do each thing to an assessment (or system) they can see. */
const allowed: Record<string, readonly Role[]> = {
  read: ['admin', 'assessor', 'peer-reviewer', 'system-user', 'board-viewer'],
  'write self': ['admin', 'system-user'],
  'write peer': ['admin', 'peer-reviewer'],
  'write assessor': ['admin', 'assessor'],
  moderate: ['admin', 'assessor'],
  'advance to submitted': ['admin', 'system-user', 'assessor'],
  'advance to in-review': ['admin', 'assessor'],
  transfer: ['admin', 'assessor'],
  'move pack': ['admin', 'assessor'],
  create: ['admin', 'assessor', 'system-user'],
  administer: ['admin'],
};
/** Signed-in routes whose service applies a rule of its own beyond "any valid token". */
const signedInRules: Record<string, 'create' | 'transfer' | 'compare systems' | 'see the system'> = {
  'post /api/v1/assessments': 'create',
  'post /api/v1/assessments/import': 'transfer',
  'get /api/v1/calibration': 'compare systems',
  'get /api/v1/calibration/:table.csv': 'compare systems',
  'get /api/v1/calibration/workbook.xlsx': 'compare systems',
  'get /calibration/workbook.xlsx': 'compare systems',
  'get /calibration': 'compare systems',
  'get /calibration/:table.csv': 'compare systems',
  'get /api/v1/national': 'compare systems',
  'get /national': 'compare systems',
  'get /api/v1/systems/:code/trend': 'see the system',
  'get /api/v1/systems/:code/trend.csv': 'see the system',
  'get /systems/:code/trend': 'see the system',
  'get /systems/:code/trend.csv': 'see the system',
};
/** A system's own team, and its own board, see only that system's assessments: others are 404 to them. */
const seesOnlyOwn = (caller: Caller) => caller.role === 'system-user' || (caller.role === 'board-viewer' && caller.system !== null);

type Expected = 'allowed' | 401 | 403 | 404;

/** Any entry of a route table (the API's or the web pages'), called one way. */
interface Call {
  access: Access;
  /** `get /calibration`: the key of signedInRules. */
  key: string;
  perspective?: string | undefined;
  to?: string | undefined;
}

function expectedFor(call: Call, caller: Caller, system: string): Expected {
  const { access } = call;
  if (access.kind === 'public') return 'allowed';
  if (caller.role === null) return 401;
  const may = (action: string) => allowed[action]!.includes(caller.role!);
  const hidden = seesOnlyOwn(caller) && system !== caller.system;
  switch (access.kind) {
    case 'admin':
      return may('administer') ? 'allowed' : 403;
    case 'assessment': {
      if (hidden) return 404;
      const action = {
        read: 'read',
        'write-perspective': `write ${call.perspective}`,
        'write-own-ambitions': 'write self',
        moderate: 'moderate',
        advance: `advance to ${call.to}`,
        transfer: 'transfer',
        'move-pack': 'move pack',
      }[access.action];
      return may(action) ? 'allowed' : 403;
    }
    case 'signed-in': {
      const rule = signedInRules[call.key];
      if (rule === 'create') return hidden ? 404 : may('create') ? 'allowed' : 403;
      if (rule === 'transfer') return may('transfer') ? 'allowed' : 403;
      if (rule === 'compare systems') return seesOnlyOwn(caller) ? 403 : 'allowed';
      if (rule === 'see the system') return hidden ? 404 : 'allowed';
      return 'allowed';
    }
  }
}

const successOf = (route: Route) => Math.min(...Object.keys(route.responses).map(Number).filter((status) => status >= 200 && status < 300));
const writes = (route: Route) => route.method !== 'get';

describe('access matrix: every route × every role × own and other system (real server)', function () {
  this.timeout(300000);
  const routes = apiRouteTable('test', async () => 'connected');
  const documented = documentedStatuses(routes);
  let api: TestServer;
  let requests: RouteRequests;
  const tokens = new Map<string, string | null>();

  before(async () => {
    api = await startTestServer();
    requests = new RouteRequests(api);
    for (const caller of callers) tokens.set(caller.name, caller.role === null ? null : caller.role === 'admin' ? api.adminToken : await api.tokenFor(caller.role, caller.system));
  });
  after(() => api?.stop());

  it('has an oracle entry for every access rule the route table declares', () => {
    for (const route of routes) {
      if (route.access.kind === 'assessment') expect(['read', 'write-perspective', 'write-own-ambitions', 'moderate', 'advance', 'transfer', 'move-pack'], `${route.method} ${route.path}`).to.include(route.access.action);
      else expect(['public', 'signed-in', 'admin'], `${route.method} ${route.path}`).to.include(route.access.kind);
    }
  });

  for (const variant of routeVariants(routes)) {
    it(variant.name, async () => {
      const mismatches: string[] = [];
      for (const caller of callers) {
        for (const system of [own, other]) {
          const expected = expectedFor({ access: variant.route.access, key: `${variant.route.method} ${variant.route.path}`, perspective: variant.perspective, to: variant.to }, caller, system);
          // An allowed write gets things of its own, so it succeeds; a refused one must leave them as they were.
          const request = await requests.prepare(variant, system, { fresh: expected === 'allowed' && writes(variant.route) });
          const before = await auditOf(request.path);
          const response = await api.call(tokens.get(caller.name) ?? null, request.method, request.path, request.body);
          const wanted = expected === 'allowed' ? successOf(variant.route) : expected;
          const where = `${caller.name}, ${system === own ? 'own' : 'other'} system (${system})`;
          if (response.status !== wanted) mismatches.push(`${where}: expected ${wanted}, got ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
          if (!documented(variant.route).includes(response.status)) mismatches.push(`${where}: ${response.status} is not in the OpenAPI document`);
          if (expected !== 'allowed' && response.headers.get('content-type')?.startsWith('application/problem+json') !== true) mismatches.push(`${where}: a refusal must be problem+json`);
          if (expected !== 'allowed' && writes(variant.route) && JSON.stringify(await auditOf(request.path)) !== JSON.stringify(before)) mismatches.push(`${where}: a refused write changed the audit trail`);
        }
      }
      expect(mismatches).to.deep.equal([]);
    });
  }

  // Blind review: on an assessment in review whose reviews are not yet revealed, every read of one
  // perspective is refused to the other reviewer (peer ↔ assessor) and allowed to everyone else who can see it.
  it('while the review is blind, each perspective read route refuses the other reviewer only', async () => {
    const call = (method: string, path: string, body?: unknown) => api.call(api.adminToken, method, path, body);
    const admin = async (method: string, path: string, body?: unknown) => {
      const response = await call(method, path, body);
      if (response.status >= 300) throw new Error(`${method} ${path} gave ${response.status}: ${JSON.stringify(response.body)}`);
      return response.body;
    };
    const { id } = await admin('POST', '/api/v1/assessments', { system: own, period: requests.plausiblePeriod(own) });
    // Submitting needs self-assessment evidence (stepTo gives some and acknowledges the empty criteria).
    await stepTo(call, id, 'submitted', 1);
    for (const perspective of ['peer', 'assessor']) await admin('PUT', `/api/v1/assessments/${id}/perspectives/${perspective}/criteria/hosc-effectiveness/evidence`, { basedOnVersion: 0, evidence: hoscEvidenceScoring4() });
    await stepTo(call, id, 'in-review', 2);
    expect((await admin('GET', `/api/v1/assessments/${id}/review`)).blind).to.equal(true);
    const hiddenFrom: Partial<Record<Role, string>> = { 'peer-reviewer': 'assessor', assessor: 'peer' };
    const mismatches: string[] = [];
    for (const route of routes.filter((candidate) => candidate.method === 'get' && candidate.path.includes(':perspective'))) {
      for (const perspective of ['self', 'peer', 'assessor']) {
        const path = route.path.replace(':id', id).replace(':perspective', perspective).replace(':criterion', 'hosc-effectiveness');
        for (const caller of callers.filter((candidate) => candidate.role !== null && !seesOnlyOwn(candidate))) {
          const wanted = hiddenFrom[caller.role!] === perspective ? 403 : 200;
          const response = await api.call(tokens.get(caller.name) ?? null, 'GET', path);
          if (response.status !== wanted) mismatches.push(`${caller.name}, ${path}: expected ${wanted}, got ${response.status}`);
        }
      }
    }
    expect(mismatches).to.deep.equal([]);
  });

  /** The audit trail of the assessment a path names (as the administrator sees it), or null. */
  async function auditOf(path: string): Promise<unknown> {
    const id = /^\/api\/v1\/assessments\/([0-9a-f-]{36})/.exec(path)?.[1];
    return id === undefined ? null : (await api.call(api.adminToken, 'GET', `/api/v1/assessments/${id}/audit`)).body;
  }
});

// The web pages share the API's access rules (the same Access, enforced by the same authorise()):
// every page a browser can open (GET), for every caller signed in with a session, own and other system.
describe('access matrix: every web page (GET) × every role × own and other system (real server)', function () {
  this.timeout(300000);
  let web: TestServer;
  let requests: RouteRequests;
  const sessions = new Map<string, string | null>();
  const pages = pageTable.filter((page) => page.method === 'get').flatMap((page): Array<{ page: PageRoute; perspective: string | undefined }> => (page.path.includes(':perspective') ? ['self', 'peer', 'assessor'].map((perspective) => ({ page, perspective })) : [{ page, perspective: undefined }]));

  before(async () => {
    web = await startTestServer();
    requests = new RouteRequests(web);
    for (const caller of callers) {
      const userId = caller.role === null ? null : caller.role === 'admin' ? web.admin.userId : (await web.account(caller.role, caller.system)).userId;
      sessions.set(caller.name, userId === null ? null : await web.server.services.sessions.start(userId));
    }
  });
  after(() => web?.stop());

  for (const { page, perspective } of pages) {
    it(`GET ${page.path}${perspective === undefined ? '' : ` (${perspective})`}`, async () => {
      const mismatches: string[] = [];
      for (const caller of callers) {
        for (const system of [own, other]) {
          const samples: Record<string, string> = { id: await requests.sharedAssessment(system), perspective: perspective ?? 'self', criterion: 'hosc-effectiveness', userId: web.admin.userId, code: system, table: 'distribution' };
          const path = page.path.replace(/:(\w+)/g, (_match: string, name: string) => {
            if (samples[name] === undefined) throw new Error(`No sample value for :${name} in ${page.path}: add one to this test`);
            return samples[name]!;
          });
          const session = sessions.get(caller.name) ?? null;
          const query = page.path === '/calibration/:table.csv' || page.path === '/calibration/workbook.xlsx' ? '?period=2025/26' : '';
          const response = await fetch(`${web.url}${path}${query}`, { redirect: 'manual', headers: session === null ? {} : { cookie: `__Host-ics-session=${session}; ics-session=${session}` } });
          await response.arrayBuffer();
          const expected = expectedFor({ access: page.access, key: `get ${page.path}`, perspective }, caller, system);
          const toSignIn = response.status === 303 && (response.headers.get('location') ?? '').startsWith('/sign-in');
          const where = `${caller.name}, ${system === own ? 'own' : 'other'} system (${system})`;
          const got = toSignIn ? 'sent to sign in' : response.status;
          if (expected === 401 ? !toSignIn : expected === 'allowed' ? toSignIn || response.status >= 400 : response.status !== expected) mismatches.push(`${where}: expected ${expected === 401 ? 'sent to sign in' : expected}, got ${got}`);
        }
      }
      expect(mismatches).to.deep.equal([]);
    });
  }
});
