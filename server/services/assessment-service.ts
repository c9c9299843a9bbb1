import { randomUUID } from 'node:crypto';
import { trusted } from 'mongoose';
import { canSee, mayDo, type AssessmentAction } from '../../assessments/access/policy.ts';
import type { Principal } from '../../assessments/access/roles.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, issuesOf } from '../../assessments/errors.ts';
import { identityOf, type PackIdentity } from '../../assessments/rule-pack/rule-pack.ts';
import { endedBefore, icbsEstablished, inForceDuring } from '../../assessments/systems/in-force.ts';
import { dayInWords } from '../../assessments/systems/period-dates.ts';
import { nextStatus, type AssessmentStatus } from '../../assessments/workflow/status.ts';
import { implausiblePeriod } from '../../assessments/workflow/plausible-periods.ts';
import { declaredWith, emptyCriteria, leftUnmoderated, stepIssues, stepStateOf, unmoderatedCriteria, type StepDeclarations } from '../../assessments/workflow/step-conditions.ts';
import type { AssessmentRecords, CurrentAssessment, StoredRecord } from '../persistence/assessment-records.ts';
import { pinIn } from '../persistence/assessment-state.ts';
import { isDuplicateKey } from '../persistence/database-errors.ts';
import type { Models } from '../persistence/database.ts';
import { actorOf, type Actor } from './actor.ts';
import type { Clock } from './clock.ts';
import type { PackRegistry } from './pack-registry.ts';
import { visibleRecords } from './blind-review-service.ts';

/** An assessment and the latest record of each series of its history, read together once. */
export interface AssessmentSnapshot {
  assessment: AssessmentView;
  /** The latest version of each series (for every version, `AssessmentRecords.allOf` or `versions`). */
  records: StoredRecord[];
  /** The stored state it was read from, where derived results are cached; absent for a snapshot made by hand. */
  current?: CurrentAssessment;
}

export interface AssessmentView {
  id: string;
  system: string;
  systemName: string;
  region: string;
  period: string;
  pack: PackIdentity;
  calibrationMode: boolean;
  status: AssessmentStatus;
  statusHistory: Array<{ status: AssessmentStatus; by: Actor; at: Date }>;
  demo: boolean;
  version: number;
  createdAt: Date;
  createdBy: Actor;
}

/** For a confirmation page: what stops a step (its messages), and what it would leave incomplete. */
export interface StepCheck {
  total: number;
  /** Criteria without self-assessment evidence. */
  emptyCriteria: string[];
  /** Criteria without a moderated score. */
  unmoderated: string[];
  /** What must be done first, whatever is declared. */
  blocking: string[];
}

export interface AssessmentFilter {
  system?: string | undefined;
  period?: string | undefined;
  status?: AssessmentStatus | undefined;
  region?: string | undefined;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** Assessments: created against the current pack (pinned), listed within the asker's tenancy, moved through their statuses. */
export class AssessmentService {
  constructor(
    private readonly models: Models,
    private readonly records: AssessmentRecords,
    private readonly packs: PackRegistry,
    private readonly clock: Clock,
  ) {}

  async create(input: { system: string; period: string; demo?: boolean }, principal: Principal): Promise<AssessmentView> {
    const system = await this.models.systems.findOne({ odsCode: input.system }).lean();
    if (system === null || !canSee(principal, input.system)) throw new NotFoundError(`There is no system with the code ${input.system}`);
    this.require(principal, { kind: 'create' });
    const implausible = implausiblePeriod(input.period, this.clock.now());
    if (implausible !== null) throw new ValidationError('The period is not valid', [{ path: 'period', message: implausible }]);
    await this.requireInForce(system, input.period);
    const pack = this.packs.current;
    const at = this.clock.now();
    const by = actorOf(principal);
    const record = {
      _id: randomUUID(),
      system: system.odsCode,
      systemName: system.name,
      region: system.region,
      period: input.period,
      pack: identityOf(pack),
      calibrationMode: pack.manifest.calibrationMode.enabled,
      status: 'draft' as const,
      demo: input.demo ?? false,
      version: 1,
      createdAt: at,
      createdBy: by,
    };
    // The first status record goes first: until the assessment itself is written, nothing refers to it.
    const first = await this.records.begin({ assessmentId: record._id, kind: 'status', perspective: null, criterion: null }, { status: 'draft' }, by, at);
    try {
      await this.models.assessments.create({ ...record, ...first.fields, statusHistory: [{ status: 'draft', version: 1, by, at }] });
    } catch (error) {
      await this.records.discard(record._id);
      if (isDuplicateKey(error)) throw new ConflictError(`${system.odsCode} already has an assessment for ${input.period} under ${pack.id}`);
      throw error;
    }
    return this.get(record._id, principal);
  }

  async list(filter: AssessmentFilter, page: { page: number; pageSize: number }, principal: Principal): Promise<Page<AssessmentView>> {
    const query: Record<string, unknown> = {};
    if (filter.period !== undefined) query.period = filter.period;
    if (filter.status !== undefined) query.status = filter.status;
    if (filter.region !== undefined) query.region = filter.region;
    if (filter.system !== undefined) query.system = filter.system;
    const tenant = principal.role === 'system-user' || principal.role === 'board-viewer' ? principal.system : null;
    if (tenant !== null) {
      if (filter.system !== undefined && filter.system !== tenant) return { items: [], page: page.page, pageSize: page.pageSize, total: 0 };
      query.system = tenant;
    }
    // The status and its history are copied onto the assessment with every status record; its state is not needed here.
    const [items, total] = await Promise.all([
      this.models.assessments.find(query, { state: 0 }).sort({ period: -1, system: 1, _id: 1 }).skip((page.page - 1) * page.pageSize).limit(page.pageSize).lean(),
      this.models.assessments.countDocuments(query),
    ]);
    // A status copied onto an assessment can be left behind its records (a lost conditional update
    // on FerretDB: assessment-records.ts); those are caught up, as a read by id would.
    const behind = await this.records.behind(items as Array<{ _id: string; seq?: unknown }>);
    const views = await Promise.all(
      items.map(async (item) => {
        const current = behind.has(item._id) ? await this.records.read(item._id) : null;
        return current === null ? view(item, (item.statusHistory ?? []) as StatusStep[]) : view(current.document as unknown as StoredAssessment, current.state.statusHistory as StatusStep[]);
      }),
    );
    return { items: views, page: page.page, pageSize: page.pageSize, total };
  }

  /** The assessment, if the asker may see it: 404 alike for one that does not exist and one of another tenant. */
  async get(id: string, principal: Principal): Promise<AssessmentView> {
    return (await this.snapshot(id, principal)).assessment;
  }

  /**
   * The assessment with the latest record of each series: one read of its document (shared within a
   * request), with only the records the asker may see while the review is blind.
   */
  async snapshot(id: string, principal: Principal): Promise<AssessmentSnapshot> {
    const current = await this.records.read(id);
    const found = current?.document as unknown as StoredAssessment | undefined;
    if (current === null || found === undefined || !canSee(principal, found.system)) throw new NotFoundError(`There is no assessment ${id}`);
    // The pin as the latest pack move says, if any (the records are the truth, as for the status).
    const pin = pinIn(current.state);
    const assessment = view(pin === undefined ? found : { ...found, pack: pin }, current.state.statusHistory as StatusStep[]);
    const records = visibleRecords(principal, assessment, current.state.latest);
    // Results derived from a partial view are not kept with the state.
    return records.length === current.state.latest.length ? { assessment, records, current } : { assessment, records };
  }

  /** The assessment, checked for sight (404) and for the action (403). */
  async authorised(id: string, principal: Principal, action: AssessmentAction): Promise<AssessmentView> {
    const assessment = await this.get(id, principal);
    this.require(principal, action);
    return assessment;
  }

  /**
   * Moves an assessment to its next status, based on `version` (409 when stale; 400 out of order or
   * when what the step needs is missing, naming it). What the step was declared with (criteria
   * submitted empty, criteria left unmoderated and why) is kept in its status record.
   */
  async advance(id: string, change: { to: AssessmentStatus; version: number } & StepDeclarations, principal: Principal): Promise<AssessmentView> {
    const { assessment, records } = await this.snapshot(id, principal);
    this.require(principal, { kind: 'advance', to: change.to });
    const next = nextStatus(assessment.status);
    if (next !== change.to) {
      throw new ValidationError('The status cannot move there', [{ path: 'to', message: next === null ? `The assessment is ${assessment.status}, its last status` : `From ${assessment.status} the assessment can only move to ${next}` }]);
    }
    const reasons = leftUnmoderated.optional().safeParse(change.leftUnmoderated);
    if (!reasons.success) throw new ValidationError('The criteria left unmoderated are not valid', issuesOf(reasons.error).map((issue) => ({ ...issue, path: `leftUnmoderated${issue.path === '' ? '' : issue.path.startsWith('[') ? issue.path : `.${issue.path}`}` })));
    const state = stepStateOf(this.packs.get(assessment.pack).criteria.map((criterion) => criterion.id), records);
    const issues = stepIssues(change.to, state, change);
    if (issues.length > 0) throw new ValidationError(`The assessment cannot move to ${change.to} yet: ${issues.map((issue) => issue.message).join('; ')}`, issues);
    const content = { status: change.to, ...declaredWith(change.to, state, change) };
    await this.records.append({ assessmentId: id, kind: 'status', perspective: null, criterion: null }, change.version, content, actorOf(principal), this.clock.now());
    return this.get(id, principal);
  }

  /** What a step of an assessment already read would need that is missing, and the criteria it would leave incomplete, for the pages' confirmations. */
  stepCheck({ assessment, records }: AssessmentSnapshot, to: AssessmentStatus): StepCheck {
    const state = stepStateOf(this.packs.get(assessment.pack).criteria.map((criterion) => criterion.id), records);
    // Issues on "to" are about the assessment; the others about what the person declares with the step.
    const blocking = stepIssues(to, state, {}).filter((issue) => issue.path === 'to');
    return { total: state.criteria.length, emptyCriteria: emptyCriteria(state), unmoderated: unmoderatedCriteria(state), blocking: blocking.map((issue) => issue.message) };
  }

  /** How many assessments are pinned to each rule pack (by its hash), whether or not this server has it loaded. For administrators. */
  async pinnedPacks(): Promise<Array<{ pack: PackIdentity; assessments: number }>> {
    // Grouped by the whole identity: FerretDB 1.24 has no $first accumulator.
    const groups = await this.models.assessments.aggregate<{ _id: PackIdentity; assessments: number }>([{ $group: { _id: { id: '$pack.id', version: '$pack.version', hash: '$pack.hash' }, assessments: { $sum: 1 } } }]);
    return groups.map((group) => ({ pack: { id: group._id.id, version: group._id.version, hash: group._id.hash }, assessments: group.assessments })).sort((a, b) => a.pack.hash.localeCompare(b.pack.hash));
  }

  /** Refuses an assessment for a period the system was not in force, naming the systems that were (its successors, or predecessors). */
  private async requireInForce(system: { odsCode: string; name: string; inForceFrom?: string | null; inForceUntil?: string | null }, period: string): Promise<void> {
    const dates = { inForceFrom: system.inForceFrom ?? icbsEstablished, inForceUntil: system.inForceUntil ?? null };
    if (inForceDuring(dates, period)) return;
    const ended = endedBefore(dates, period);
    const links = await this.models.successions.find(ended ? { predecessor: system.odsCode } : { successor: system.odsCode }, { _id: 0 }).lean();
    const others = await this.models.systems.find({ odsCode: trusted({ $in: links.map((link) => (ended ? link.successor : link.predecessor)) }) }, { _id: 0, odsCode: 1, name: 1 }).sort({ odsCode: 1 }).lean();
    const named = others.map((other) => `${other.name} (${other.odsCode})`).join(', ');
    const message = ended
      ? `${system.name} (${system.odsCode}) ended on ${dayInWords(dates.inForceUntil as string)}, before ${period}: ${named === '' ? 'it has no successor' : `assess its ${others.length === 1 ? 'successor' : 'successors'} instead: ${named}`}`
      : `${system.name} (${system.odsCode}) began on ${dayInWords(dates.inForceFrom)}, after ${period}: ${named === '' ? 'it has no predecessor' : `that period’s assessments are of its ${others.length === 1 ? 'predecessor' : 'predecessors'}: ${named}`}`;
    throw new ValidationError(`${system.odsCode} was not in force in ${period}`, [{ path: 'period', message }]);
  }

  private require(principal: Principal, action: AssessmentAction): void {
    if (!mayDo(principal, action)) throw new ForbiddenError(`${principal.role === 'admin' || principal.role === 'assessor' ? 'An' : 'A'} ${principal.role} may not ${describe(action)}`);
  }
}

function describe(action: AssessmentAction): string {
  switch (action.kind) {
    case 'write-perspective':
      return `record the ${action.perspective} perspective`;
    case 'advance':
      return `move an assessment to ${action.to}`;
    case 'transfer':
      return 'export or import assessments';
    case 'move-pack':
      return 'move assessments to a newer rule pack';
    default:
      return `${action.kind} assessments`;
  }
}

type StoredAssessment = {
  _id: string;
  system: string;
  systemName: string;
  region: string;
  period: string;
  pack: PackIdentity;
  calibrationMode: boolean;
  status: string;
  demo: boolean;
  version: number;
  createdAt: Date;
  createdBy: Actor;
};

/** A status step as kept in the state and copied onto the assessment. */
type StatusStep = { status: AssessmentStatus; version: number; by: Actor; at: Date };

/** An assessment as callers see it: its status and version from its status steps, in order of version (the truth). */
function view(stored: StoredAssessment, history: readonly StatusStep[]): AssessmentView {
  const latest = history.at(-1);
  return {
    id: stored._id,
    system: stored.system,
    systemName: stored.systemName,
    region: stored.region,
    period: stored.period,
    pack: { id: stored.pack.id, version: stored.pack.version, hash: stored.pack.hash },
    calibrationMode: stored.calibrationMode,
    status: latest?.status ?? (stored.status as AssessmentStatus),
    statusHistory: history.map((step) => ({ status: step.status, by: { userId: step.by.userId, name: step.by.name }, at: new Date(step.at) })),
    demo: stored.demo,
    version: latest?.version ?? stored.version,
    createdAt: stored.createdAt,
    createdBy: { userId: stored.createdBy.userId, name: stored.createdBy.name },
  };
}
