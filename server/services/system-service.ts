import { trusted } from 'mongoose';
import type { Principal } from '../../assessments/access/roles.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../assessments/errors.ts';
import { icbsEstablished, inForceDuring, type InForce } from '../../assessments/systems/in-force.ts';
import { periodOf } from '../../assessments/systems/period-dates.ts';
import type { Succession } from '../../assessments/systems/succession.ts';
import { isDuplicateKey } from '../persistence/database-errors.ts';
import type { Models } from '../persistence/database.ts';
import type { Clock } from './clock.ts';

export interface NewSystem {
  odsCode: string;
  onsCode: string;
  name: string;
  shortName: string;
  region: string;
}

export interface SystemChange {
  at: Date;
  by: string;
  action: 'created' | 'renamed' | 'retired' | 'merged' | 'ended' | 'updated';
  before: unknown;
  after: unknown;
  note: string | null;
}

/** A succession seen from one side: the system on the other side, by code and name. */
export interface SuccessionLink {
  system: string;
  name: string;
  date: string;
  type: Succession['type'];
}

export interface SystemView extends NewSystem, InForce {
  status: 'active' | 'retired';
  mergedInto: string | null;
  version: number;
  history: SystemChange[];
  predecessors: SuccessionLink[];
  successors: SuccessionLink[];
}

export interface SystemFilter {
  region?: string | undefined;
  status?: 'active' | 'retired' | undefined;
  /** The period whose systems to list (default: the current one). */
  period?: string | undefined;
  /** Every system, whatever its in-force dates. */
  includeEnded?: boolean | undefined;
}

export type SuccessionView = Succession & { note: string | null; at: Date; by: string };

type SystemFields = NewSystem & InForce & { status: 'active' | 'retired'; mergedInto: string | null };

/** Who the reference-data update records its changes as. */
export const referenceData = 'reference data';

/**
 * The systems (ICSs, by their ICB's code): listed for a period, added, renamed, merged, retired,
 * and succeeded by others. Each change is version n + 1 in the append-only change log (its unique
 * index refuses a second writer of the same version); the system record then takes the change's fields.
 */
export class SystemService {
  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
  ) {}

  /** The period today falls in. */
  currentPeriod(): string {
    return periodOf(this.clock.now());
  }

  async list(filter: SystemFilter): Promise<SystemView[]> {
    const query: Record<string, string> = {};
    if (filter.region !== undefined) query.region = filter.region;
    if (filter.status !== undefined) query.status = filter.status;
    const [systems, changes, successions] = await Promise.all([
      this.models.systems.find(query, { _id: 0 }).sort({ odsCode: 1 }).lean(),
      this.models.systemChanges.find({}, { _id: 0 }).sort({ odsCode: 1, version: 1 }).lean(),
      this.successions(),
    ]);
    const history = new Map<string, SystemChange[]>();
    for (const change of changes) history.set(change.odsCode, [...(history.get(change.odsCode) ?? []), changeView(change)]);
    const names = new Map((await this.models.systems.find({}, { _id: 0, odsCode: 1, name: 1 }).lean()).map((system) => [system.odsCode, system.name]));
    const period = filter.period ?? this.currentPeriod();
    return systems
      .map((system) => ({ ...fields(system), version: system.version, history: history.get(system.odsCode) ?? [], ...links(system.odsCode, successions, names) }))
      .filter((system) => filter.includeEnded === true || inForceDuring(system, period));
  }

  async get(odsCode: string): Promise<SystemView> {
    const [system, changes, succeeded, succeeding] = await Promise.all([
      this.models.systems.findOne({ odsCode }, { _id: 0 }).lean(),
      this.models.systemChanges.find({ odsCode }, { _id: 0 }).sort({ version: 1 }).lean(),
      this.models.successions.find({ predecessor: odsCode }, { _id: 0 }).lean(),
      this.models.successions.find({ successor: odsCode }, { _id: 0 }).lean(),
    ]);
    if (system === null) throw new NotFoundError(`There is no system with the code ${odsCode}`);
    const successions = [...succeeded, ...succeeding];
    const others = [...new Set(successions.flatMap((succession) => [succession.predecessor, succession.successor]))];
    const names = new Map((await this.models.systems.find({ odsCode: trusted({ $in: others }) }, { _id: 0, odsCode: 1, name: 1 }).lean()).map((other) => [other.odsCode, other.name]));
    return { ...fields(system), version: changes.at(-1)?.version ?? system.version, history: changes.map(changeView), ...links(odsCode, successions.map(successionView), names) };
  }

  /** Every succession recorded, by date, then predecessor, then successor. */
  async successions(): Promise<SuccessionView[]> {
    return (await this.models.successions.find({}, { _id: 0 }).sort({ date: 1, predecessor: 1, successor: 1 }).lean()).map(successionView);
  }

  /** Adds a system, in force from `inForceFrom` (default: today). */
  async create(input: NewSystem & { inForceFrom?: string | undefined }, principal: Principal | string): Promise<SystemView> {
    if ((await this.models.systems.exists({ odsCode: input.odsCode })) !== null) throw new ConflictError(`A system with the code ${input.odsCode} already exists`);
    const system: SystemFields = { ...fieldsOf(input), inForceFrom: input.inForceFrom ?? today(this.clock), inForceUntil: null, status: 'active', mergedInto: null };
    await this.record(input.odsCode, 0, 'created', null, system, null, nameOf(principal));
    return this.get(input.odsCode);
  }

  /** Renames a system; the old names stay in its history. Based on `version` (409 when stale). */
  async rename(odsCode: string, change: { name: string; shortName: string; note?: string | undefined; version: number }, principal: Principal): Promise<SystemView> {
    const current = await this.get(odsCode);
    await this.record(odsCode, change.version, 'renamed', { name: current.name, shortName: current.shortName }, { ...fields(current), name: change.name, shortName: change.shortName }, change.note ?? null, principal.name);
    return this.get(odsCode);
  }

  /** Retires a system from today (optionally as merged into another); its assessments keep its code. */
  async retire(odsCode: string, change: { mergedInto?: string | undefined; note?: string | undefined; version: number }, principal: Principal): Promise<SystemView> {
    if (change.mergedInto !== undefined) await this.get(change.mergedInto);
    const current = await this.get(odsCode);
    const action = change.mergedInto === undefined ? 'retired' : 'merged';
    const after: SystemFields = { ...fields(current), status: 'retired', mergedInto: change.mergedInto ?? null, inForceUntil: current.inForceUntil ?? today(this.clock) };
    await this.record(odsCode, change.version, action, { status: current.status, mergedInto: current.mergedInto, inForceUntil: current.inForceUntil }, after, change.note ?? null, principal.name);
    return this.get(odsCode);
  }

  /**
   * Records a succession. Both systems must exist; the successor must be in force on the date and
   * the predecessor before it. A merger or split ends the predecessor on the date (an acquisition
   * leaves it as it is). Recording the same event again is a ConflictError and changes nothing.
   */
  async recordSuccession(input: Succession & { note?: string | undefined }, principal: Principal | string): Promise<SuccessionView> {
    const [predecessor, successor] = await Promise.all([this.find(input.predecessor), this.find(input.successor)]);
    const issues = [
      predecessor === null ? { path: 'predecessor', message: `There is no system with the code ${input.predecessor}` } : null,
      successor === null ? { path: 'successor', message: `There is no system with the code ${input.successor}` } : null,
      input.predecessor === input.successor ? { path: 'successor', message: 'A system cannot succeed itself' } : null,
      successor !== null && !(successor.inForceFrom <= input.date && (successor.inForceUntil === null || successor.inForceUntil > input.date))
        ? { path: 'successor', message: `${successor.name} (${successor.odsCode}) is not in force on ${input.date}` }
        : null,
      predecessor !== null && predecessor.inForceFrom >= input.date ? { path: 'date', message: `${predecessor.name} (${predecessor.odsCode}) began on ${predecessor.inForceFrom}, not before ${input.date}` } : null,
      predecessor !== null && predecessor.inForceUntil !== null && predecessor.inForceUntil !== input.date
        ? { path: 'date', message: `${predecessor.name} (${predecessor.odsCode}) ended on ${predecessor.inForceUntil}, not ${input.date}` }
        : null,
    ].filter((issue) => issue !== null);
    if (issues.length > 0 || predecessor === null) throw new ValidationError('The succession is not valid', issues);
    const by = nameOf(principal);
    try {
      await this.models.successions.create({ predecessor: input.predecessor, successor: input.successor, date: input.date, type: input.type, note: input.note ?? null, at: this.clock.now(), by });
    } catch (error) {
      if (isDuplicateKey(error)) throw new ConflictError(`The succession of ${input.predecessor} by ${input.successor} on ${input.date} is already recorded`);
      throw error;
    }
    if (input.type !== 'acquisition' && predecessor.inForceUntil === null) {
      const after: SystemFields = { ...fields(predecessor), inForceUntil: input.date, status: 'retired', mergedInto: input.type === 'merger' ? input.successor : null };
      await this.record(predecessor.odsCode, predecessor.version, 'ended', { inForceUntil: null, status: predecessor.status }, after, `Succeeded by ${input.successor} (${input.type})`, by);
    }
    return successionView((await this.models.successions.findOne({ predecessor: input.predecessor, successor: input.successor, date: input.date }, { _id: 0 }).lean())!);
  }

  /**
   * Brings one system in line with reference data: adds it when missing; otherwise sets its
   * in-force dates and (unless an administrator has changed it since the reference data last did)
   * its codes, names and region. Returns whether anything changed, so running it twice changes nothing.
   */
  async applyReference(system: NewSystem & InForce, note: string): Promise<'created' | 'updated' | 'unchanged'> {
    const current = await this.find(system.odsCode);
    if (current === null) {
      const created: SystemFields = { ...fieldsOf(system), inForceFrom: system.inForceFrom, inForceUntil: system.inForceUntil, status: system.inForceUntil === null ? 'active' : 'retired', mergedInto: null };
      try {
        await this.record(system.odsCode, 0, 'created', null, created, note, referenceData);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error; // another instance loaded it at the same moment
        return 'unchanged';
      }
      return 'created';
    }
    const lastBy = (await this.models.systemChanges.findOne({ odsCode: system.odsCode }, { by: 1 }).sort({ version: -1 }).lean())?.by;
    const after: SystemFields = {
      ...fields(current),
      ...(lastBy === referenceData ? fieldsOf(system) : {}),
      inForceFrom: system.inForceFrom,
      inForceUntil: current.inForceUntil ?? system.inForceUntil,
      status: (current.inForceUntil ?? system.inForceUntil) === null ? current.status : 'retired',
    };
    const before = fields(current);
    const changed = (Object.keys(after) as Array<keyof SystemFields>).filter((key) => after[key] !== before[key]);
    if (changed.length === 0) return 'unchanged';
    await this.record(system.odsCode, current.version, 'updated', Object.fromEntries(changed.map((key) => [key, before[key]])), after, note, referenceData);
    return 'updated';
  }

  private async find(odsCode: string): Promise<(SystemFields & { version: number }) | null> {
    const system = await this.models.systems.findOne({ odsCode }, { _id: 0 }).lean();
    if (system === null) return null;
    const latest = await this.models.systemChanges.findOne({ odsCode }, { version: 1 }).sort({ version: -1 }).lean();
    return { ...fields(system), version: latest?.version ?? system.version };
  }

  /** Appends change version n + 1 (n = basedOn), then writes the system record as the change leaves it. */
  private async record(odsCode: string, basedOn: number, action: SystemChange['action'], before: unknown, after: SystemFields, note: string | null, by: string): Promise<void> {
    const latest = await this.models.systemChanges.findOne({ odsCode }, { version: 1 }).sort({ version: -1 }).lean();
    const current = latest?.version ?? 0;
    const refuse = (now: number) => new ConflictError(`The system ${odsCode} has changed since version ${basedOn}; it is now at version ${now}`, { version: now });
    if (basedOn !== current) throw refuse(current);
    try {
      await this.models.systemChanges.create({ odsCode, version: current + 1, action, before, after, note, at: this.clock.now(), by });
    } catch (error) {
      if (isDuplicateKey(error)) throw refuse(current + 1);
      throw error;
    }
    await this.models.systems.updateOne({ odsCode }, { $set: { ...after, version: current + 1 } }, { upsert: true });
  }
}

function today(clock: Clock): string {
  return clock.now().toISOString().slice(0, 10);
}

function nameOf(principal: Principal | string): string {
  return typeof principal === 'string' ? principal : principal.name;
}

function fieldsOf(system: NewSystem): NewSystem {
  return { odsCode: system.odsCode, onsCode: system.onsCode, name: system.name, shortName: system.shortName, region: system.region };
}

type StoredSystem = NewSystem & { status: SystemFields['status']; mergedInto?: string | null | undefined; inForceFrom?: string | null | undefined; inForceUntil?: string | null | undefined };

/** A stored system's fields; one stored before in-force dates existed counts as in force since ICBs began. */
function fields(system: StoredSystem): SystemFields {
  return { ...fieldsOf(system), inForceFrom: system.inForceFrom ?? icbsEstablished, inForceUntil: system.inForceUntil ?? null, status: system.status, mergedInto: system.mergedInto ?? null };
}

function links(odsCode: string, successions: readonly SuccessionView[], names: ReadonlyMap<string, string>): Pick<SystemView, 'predecessors' | 'successors'> {
  const link = (system: string, succession: SuccessionView): SuccessionLink => ({ system, name: names.get(system) ?? system, date: succession.date, type: succession.type });
  return {
    predecessors: successions.filter((succession) => succession.successor === odsCode).map((succession) => link(succession.predecessor, succession)),
    successors: successions.filter((succession) => succession.predecessor === odsCode).map((succession) => link(succession.successor, succession)),
  };
}

function successionView(succession: { predecessor: string; successor: string; date: string; type: string; note?: string | null; at: Date; by: string }): SuccessionView {
  return { predecessor: succession.predecessor, successor: succession.successor, date: succession.date, type: succession.type as Succession['type'], note: succession.note ?? null, at: succession.at, by: succession.by };
}

function changeView(change: { at: Date; by: string; action: string; before?: unknown; after?: unknown; note?: string | null }): SystemChange {
  return { at: change.at, by: change.by, action: change.action as SystemChange['action'], before: change.before ?? null, after: change.after ?? null, note: change.note ?? null };
}
