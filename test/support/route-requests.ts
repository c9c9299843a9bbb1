import { randomUUID } from 'node:crypto';
import type { Perspective } from '../../assessments/evidence/perspective-evidence.ts';
import { plausiblePeriods } from '../../assessments/workflow/plausible-periods.ts';
import type { Route } from '../../server/http/route.ts';
import { hoscEvidenceScoring4 } from './evidence.ts';
import { stepTo } from './workflow-steps.ts';
import type { TestServer } from './test-server.ts';

/**
 * One way of calling a route: routes whose path names a perspective are called for each of the
 * three, and the status route for each kind of step (to submitted, which the ICS team may take,
 * and beyond, which only assessors may), since who may call them depends on it.
 */
export interface RouteVariant {
  route: Route;
  perspective?: Perspective;
  to?: 'submitted' | 'in-review';
  /** `POST /api/v1/assessments/:id/status (to in-review)`, for test names and messages. */
  name: string;
}

export interface PreparedRequest {
  method: string;
  path: string;
  body?: unknown;
}

const keyOf = (route: Route) => `${route.method} ${route.path}`;

export function routeVariants(routes: readonly Route[]): RouteVariant[] {
  return routes.flatMap((route): RouteVariant[] => {
    const name = `${route.method.toUpperCase()} ${route.path}`;
    // Only reviews (peer and assessor) are submitted through the submission route.
    const ofRoute = keyOf(route) === 'post /api/v1/assessments/:id/perspectives/:perspective/submission' ? (['peer', 'assessor'] as const) : (['self', 'peer', 'assessor'] as const);
    if (route.path.includes(':perspective')) return ofRoute.map((perspective) => ({ route, perspective, name: `${name} (${perspective})` }));
    if (keyOf(route) === 'post /api/v1/assessments/:id/status') return (['submitted', 'in-review'] as const).map((to) => ({ route, to, name: `${name} (to ${to})` }));
    return [{ route, name }];
  });
}

const rationale = 'The panel read the minutes of every session and weighed them against the evidence.';
const ambition = { title: 'Fewer falls admissions', metric: 'Emergency admissions for falls per 100,000 aged 65+', baseline: 2200, baselineDate: '2023-04-01', target: 1800, targetDate: '2027-03-31', latest: 1950, latestDate: '2025-03-31', direction: 'lower-is-better' };
const statusOrder = ['draft', 'submitted', 'in-review'] as const;
type Status = (typeof statusOrder)[number];

/**
 * Valid requests for every route of the API's route table, on a real server: whatever a request
 * needs (an assessment of a given system in a given status, a user, a token, a system to rename) is
 * made first by the administrator. With `fresh`, a write gets things of its own, so that a request
 * that is allowed succeeds and changes nothing another request relies on; without, reads (and
 * writes expected to be refused) share one assessment per system. A route without a request here
 * fails loudly, so a new route cannot slip past the tests built on this.
 */
export class RouteRequests {
  private readonly shared = new Map<string, Promise<string>>();
  private readonly templates = new Map<string, Promise<string>>();
  private readonly periodsUsed = new Map<string, number>();
  private serial = 0;

  constructor(private readonly api: TestServer) {}

  async prepare(variant: RouteVariant, system: string, { fresh }: { fresh: boolean }): Promise<PreparedRequest> {
    const { route } = variant;
    const method = route.method.toUpperCase();
    const assessment = (status: Status = 'draft') => (fresh ? this.assessment(system, status) : this.sharedAssessment(system));
    const assessmentPath = async (status?: Status) => route.path.replace(':id', await assessment(status)).replace(':perspective', variant.perspective ?? 'self').replace(':criterion', 'hosc-effectiveness');
    // Peer and assessor perspectives are open once submitted; the self-assessment while a draft.
    const openFor = (perspective: Perspective | undefined): Status => (perspective === 'self' ? 'draft' : 'submitted');
    switch (keyOf(route)) {
      case 'get /api/v1/systems':
        return { method, path: '/api/v1/systems' };
      case 'get /api/v1/systems/:code':
        return { method, path: `/api/v1/systems/${system}` };
      case 'post /api/v1/systems':
        return { method, path: '/api/v1/systems', body: this.newSystem() };
      case 'patch /api/v1/systems/:code': {
        const created = await this.admin('POST', '/api/v1/systems', this.newSystem());
        return { method, path: `/api/v1/systems/${created.odsCode}`, body: { action: 'rename', name: `${created.name} (renamed)`, shortName: created.shortName, version: created.version } };
      }
      case 'get /api/v1/successions':
        return { method, path: '/api/v1/successions' };
      case 'post /api/v1/successions': {
        const [predecessor, successor] = [await this.admin('POST', '/api/v1/systems', this.newSystem()), await this.admin('POST', '/api/v1/systems', this.newSystem())];
        return { method, path: '/api/v1/successions', body: { predecessor: predecessor.odsCode, successor: successor.odsCode, date: '2099-04-01', type: 'merger' } };
      }
      case 'get /api/v1/systems/:code/trend':
      case 'get /api/v1/systems/:code/trend.csv':
        return { method, path: route.path.replace(':code', system) };
      case 'get /api/v1/national':
        return { method, path: '/api/v1/national?period=2025/26' };
      case 'get /api/v1/assessments':
        return { method, path: `/api/v1/assessments?system=${system}` };
      case 'post /api/v1/assessments':
        // A refused request may name any plausible period; only one that will succeed needs a period of its own.
        return { method, path: '/api/v1/assessments', body: { system, period: fresh ? this.plausiblePeriod(system) : (plausiblePeriods(new Date())[0] as string) } };
      case 'post /api/v1/assessments/import': {
        const exported = await this.admin('GET', `/api/v1/assessments/${await this.assessment(system, 'draft')}/export`);
        const id = randomUUID();
        return {
          method,
          path: '/api/v1/assessments/import',
          body: { ...exported, assessment: { ...exported.assessment, id, period: this.period() }, records: exported.records.map((record: object) => ({ ...record, assessmentId: id })) },
        };
      }
      case 'post /api/v1/assessments/:id/status': {
        const from: Status = variant.to === 'in-review' ? 'submitted' : 'draft';
        const id = fresh ? await this.assessment(system, from) : await this.sharedAssessment(system);
        // Submitting needs some self-assessment evidence (the shared assessment has it), and the empty criteria acknowledged.
        if (fresh && from === 'draft') await this.admin('PUT', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness/evidence`, { basedOnVersion: 0, evidence: hoscEvidenceScoring4() });
        const version = fresh ? statusOrder.indexOf(from) + 1 : 1;
        return { method, path: route.path.replace(':id', id), body: { to: variant.to ?? 'submitted', version, ...(from === 'draft' ? { acknowledgeEmptyCriteria: true } : {}) } };
      }
      case 'put /api/v1/assessments/:id/perspectives/:perspective/criteria/:criterion/evidence':
        return { method, path: await assessmentPath(openFor(variant.perspective)), body: { basedOnVersion: 0, evidence: hoscEvidenceScoring4() } };
      case 'put /api/v1/assessments/:id/perspectives/:perspective/criteria/:criterion/judgement':
        return { method, path: await assessmentPath(openFor(variant.perspective)), body: { basedOnVersion: 0, judgement: { decision: 'override', score: 2, rationale } } };
      case 'put /api/v1/assessments/:id/criteria/:criterion/moderation': {
        const path = await assessmentPath('in-review');
        if (fresh) await this.admin('POST', `${path.replace(/\/criteria\/.*$/, '')}/reveal`, { reason: 'Revealed early to moderate in this test.' });
        return { method, path, body: { basedOnVersion: 0, outcome: { score: 3 }, rationale } };
      }
      case 'get /api/v1/assessments/:id/pack':
        return { method, path: await assessmentPath() };
      case 'post /api/v1/assessments/:id/pack': {
        const id = fresh ? await this.pinnedToOldestPack(await this.assessment(system, 'draft')) : await this.sharedAssessment(system);
        return { method, path: route.path.replace(':id', id), body: { to: this.api.server.services.packs.current.version, version: 0 } };
      }
      case 'post /api/v1/assessments/:id/criteria/:criterion/dissent': {
        const path = await assessmentPath('in-review');
        if (fresh) {
          await this.admin('POST', `${path.replace(/\/criteria\/.*$/, '')}/reveal`, { reason: 'Revealed early to moderate in this test.' });
          await this.admin('PUT', path.replace(/dissent$/, 'moderation'), { basedOnVersion: 0, outcome: { score: 3 }, rationale });
        }
        return { method, path, body: { rationale: 'I would have scored it one point lower on the minutes.' } };
      }
      case 'get /api/v1/assessments/:id/review':
        return { method, path: await assessmentPath() };
      case 'post /api/v1/assessments/:id/perspectives/:perspective/submission':
        return { method, path: await assessmentPath(openFor(variant.perspective)) };
      case 'post /api/v1/assessments/:id/reveal':
        return { method, path: await assessmentPath('in-review'), body: { reason: 'Revealed early: the peer review team withdrew.' } };
      case 'put /api/v1/assessments/:id/ambitions':
        return { method, path: await assessmentPath(), body: { basedOnVersion: 0, ambitions: [ambition] } };
      case 'put /api/v1/assessments/:id/sharing':
        return { method, path: await assessmentPath(), body: { basedOnVersion: 0, shareGoodPractice: true } };
      case 'get /api/v1/assessments/:id':
      case 'get /api/v1/assessments/:id/audit':
      case 'get /api/v1/assessments/:id/rating':
      case 'get /api/v1/assessments/:id/export':
      case 'get /api/v1/assessments/:id/perspectives/:perspective/criteria/:criterion':
      case 'get /api/v1/assessments/:id/perspectives/:perspective/criteria/:criterion/evidence/versions':
      case 'get /api/v1/assessments/:id/perspectives/:perspective/score':
      case 'get /api/v1/assessments/:id/report.pdf':
      case 'get /api/v1/assessments/:id/report':
      case 'get /api/v1/assessments/:id/calibration':
      case 'get /api/v1/assessments/:id/improvement':
      case 'get /api/v1/assessments/:id/workbook.xlsx':
        return { method, path: await assessmentPath() };
      case 'get /api/v1/criteria/:criterion/schema':
        return { method, path: '/api/v1/criteria/hosc-effectiveness/schema' };
      case 'get /api/v1/calibration':
        return { method, path: '/api/v1/calibration?period=2025/26' };
      case 'get /api/v1/calibration/:table.csv':
        return { method, path: '/api/v1/calibration/distribution.csv?period=2025/26' };
      case 'get /api/v1/calibration/workbook.xlsx':
        return { method, path: '/api/v1/calibration/workbook.xlsx?period=2025/26' };
      case 'get /api/v1/users':
      case 'get /api/v1/tokens':
      case 'get /api/v1/openapi.json':
      case 'get /api/v1/docs':
      case 'get /api/v1/health':
        return { method, path: route.path };
      case 'post /api/v1/users': {
        const number = this.next();
        return { method, path: '/api/v1/users', body: { email: `matrix-${number}@example.org`, name: `Matrix user ${number}`, role: 'board-viewer', system } };
      }
      case 'post /api/v1/tokens':
        return { method, path: '/api/v1/tokens', body: { userId: (await this.user(system)).id, name: `token ${this.next()}` } };
      case 'delete /api/v1/tokens/:id': {
        const issued = await this.admin('POST', '/api/v1/tokens', { userId: (await this.user(system)).id, name: `to revoke ${this.next()}` });
        return { method, path: `/api/v1/tokens/${issued.token.id}` };
      }
      default:
        throw new Error(`No request for ${variant.name}: add one to test/support/route-requests.ts`);
    }
  }

  /**
   * A new assessment of the system, moved by the administrator to the status asked for. Only a few
   * periods are plausible for a new assessment, so each is imported: the export of the system's one
   * created draft, under a period no other assessment uses (an import keeps the period it is given).
   */
  async assessment(system: string, status: Status): Promise<string> {
    const exported = await this.admin('GET', `/api/v1/assessments/${await this.template(system)}/export`);
    const id = randomUUID();
    await this.admin('POST', '/api/v1/assessments/import', { ...exported, assessment: { ...exported.assessment, id, period: this.period() }, records: exported.records.map((record: object) => ({ ...record, assessmentId: id })) });
    for (let index = 1; index <= statusOrder.indexOf(status); index += 1) await stepTo((method, path, body) => this.api.call(this.api.adminToken, method, path, body), id, statusOrder[index] as Status, index);
    return id;
  }

  /** The one draft of the system made by POST /api/v1/assessments, which the others are imported from. */
  private template(system: string): Promise<string> {
    let id = this.templates.get(system);
    if (id === undefined) {
      id = this.admin('POST', '/api/v1/assessments', { system, period: this.plausiblePeriod(system) }).then((created) => created.id as string);
      this.templates.set(system, id);
    }
    return id;
  }

  /** A plausible period the system has no assessment for yet (a new assessment may only be made for one). */
  plausiblePeriod(system: string): string {
    const used = this.periodsUsed.get(system) ?? 0;
    this.periodsUsed.set(system, used + 1);
    const period = plausiblePeriods(new Date())[used];
    if (period === undefined) throw new Error(`No plausible period is left for a new assessment of ${system} in this test`);
    return period;
  }

  /** One draft assessment of each system for reads, with some self-assessment evidence to show. */
  sharedAssessment(system: string): Promise<string> {
    let id = this.shared.get(system);
    if (id === undefined) {
      id = (async () => {
        const created = await this.assessment(system, 'draft');
        await this.admin('PUT', `/api/v1/assessments/${created}/perspectives/self/criteria/hosc-effectiveness/evidence`, { basedOnVersion: 0, evidence: hoscEvidenceScoring4() });
        return created;
      })();
      this.shared.set(system, id);
    }
    return id;
  }

  /** Pins an assessment to the oldest pack version loaded, as if it had been started before the newest was released. */
  async pinnedToOldestPack(id: string): Promise<string> {
    const [oldest] = this.api.server.services.packs.list();
    await this.api.server.database.models.assessments.updateOne({ _id: id }, { $set: { pack: { id: oldest!.id, version: oldest!.version, hash: oldest!.hash } } });
    return id;
  }

  private async user(system: string): Promise<{ id: string }> {
    const number = this.next();
    return this.admin('POST', '/api/v1/users', { email: `holder-${number}@example.org`, name: `Token holder ${number}`, role: 'system-user', system });
  }

  private newSystem() {
    const number = this.next();
    return { odsCode: `Z${String(number).padStart(4, '0')}`, onsCode: `E549${String(number).padStart(5, '0')}`, name: `Test ICB ${number}`, shortName: `Test ${number}`, region: 'London' };
  }

  /** A period no other assessment of the test uses, so that every new assessment is allowed (the systems asked for must be in force then). */
  private period(): string {
    const year = 2030 + this.next();
    return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
  }

  private next(): number {
    this.serial += 1;
    return this.serial;
  }

  private async admin(method: string, path: string, body?: unknown): Promise<any> {
    const response = await this.api.call(this.api.adminToken, method, path, body);
    if (response.status >= 300) throw new Error(`Preparing a request: ${method} ${path} gave ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }
}
