import { readFile } from 'node:fs/promises';
import type { Principal } from '../../assessments/access/roles.ts';
import { ConflictError, NotFoundError } from '../../assessments/errors.ts';
import { fromProjectRoot } from '../../scripts/project-root.mjs';
import { isDuplicateKey } from '../persistence/database-errors.ts';
import type { Models } from '../persistence/database.ts';
import type { Clock } from './clock.ts';
import { parseCsv } from './parse-csv.ts';

const referenceFile = fromProjectRoot('reference', 'icbs.csv');

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
  action: 'created' | 'renamed' | 'retired' | 'merged';
  before: unknown;
  after: unknown;
  note: string | null;
}

export interface SystemView extends NewSystem {
  status: 'active' | 'retired';
  mergedInto: string | null;
  version: number;
  history: SystemChange[];
}

type SystemFields = NewSystem & { status: 'active' | 'retired'; mergedInto: string | null };

/**
 * The systems (ICSs, by their ICB's code): listed, added, renamed, merged and retired. Each change
 * is version n + 1 in the append-only change log (its unique index refuses a second writer of the
 * same version); the system record then takes the change's fields.
 */
export class SystemService {
  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
  ) {}

  async list(filter: { region?: string | undefined; status?: 'active' | 'retired' | undefined }): Promise<SystemView[]> {
    const query: Record<string, string> = {};
    if (filter.region !== undefined) query.region = filter.region;
    if (filter.status !== undefined) query.status = filter.status;
    const [systems, changes] = await Promise.all([
      this.models.systems.find(query, { _id: 0 }).sort({ odsCode: 1 }).lean(),
      this.models.systemChanges.find({}, { _id: 0 }).sort({ odsCode: 1, version: 1 }).lean(),
    ]);
    const history = new Map<string, SystemChange[]>();
    for (const change of changes) history.set(change.odsCode, [...(history.get(change.odsCode) ?? []), changeView(change)]);
    return systems.map((system) => ({ ...fields(system), version: system.version, history: history.get(system.odsCode) ?? [] }));
  }

  async get(odsCode: string): Promise<SystemView> {
    const [system, changes] = await Promise.all([
      this.models.systems.findOne({ odsCode }, { _id: 0 }).lean(),
      this.models.systemChanges.find({ odsCode }, { _id: 0 }).sort({ version: 1 }).lean(),
    ]);
    if (system === null) throw new NotFoundError(`There is no system with the code ${odsCode}`);
    return { ...fields(system), version: changes.at(-1)?.version ?? system.version, history: changes.map(changeView) };
  }

  async create(input: NewSystem, principal: Principal): Promise<SystemView> {
    if ((await this.models.systems.exists({ odsCode: input.odsCode })) !== null) throw new ConflictError(`A system with the code ${input.odsCode} already exists`);
    await this.record(input.odsCode, 0, 'created', null, { ...input, status: 'active', mergedInto: null }, null, principal.name);
    return this.get(input.odsCode);
  }

  /** Renames a system; the old names stay in its history. Based on `version` (409 when stale). */
  async rename(odsCode: string, change: { name: string; shortName: string; note?: string | undefined; version: number }, principal: Principal): Promise<SystemView> {
    const current = await this.get(odsCode);
    await this.record(odsCode, change.version, 'renamed', { name: current.name, shortName: current.shortName }, { ...fields(current), name: change.name, shortName: change.shortName }, change.note ?? null, principal.name);
    return this.get(odsCode);
  }

  /** Retires a system (optionally as merged into another); its assessments keep its code. */
  async retire(odsCode: string, change: { mergedInto?: string | undefined; note?: string | undefined; version: number }, principal: Principal): Promise<SystemView> {
    if (change.mergedInto !== undefined) await this.get(change.mergedInto);
    const current = await this.get(odsCode);
    const action = change.mergedInto === undefined ? 'retired' : 'merged';
    await this.record(odsCode, change.version, action, { status: current.status, mergedInto: current.mergedInto }, { ...fields(current), status: 'retired', mergedInto: change.mergedInto ?? null }, change.note ?? null, principal.name);
    return this.get(odsCode);
  }

  /** Loads the 42 ICBs from reference/icbs.csv into an empty database; does nothing otherwise. */
  async seedReference(): Promise<number> {
    if ((await this.models.systems.estimatedDocumentCount()) > 0) return 0;
    const [header, ...rows] = parseCsv(await readFile(referenceFile, 'utf8'));
    const column = (name: string) => header?.indexOf(name) ?? -1;
    let created = 0;
    for (const row of rows) {
      const system: NewSystem = { odsCode: row[column('ods_code')] ?? '', onsCode: row[column('ons_code')] ?? '', name: row[column('name')] ?? '', shortName: row[column('short_name')] ?? '', region: row[column('nhs_region')] ?? '' };
      try {
        await this.record(system.odsCode, 0, 'created', null, { ...system, status: 'active', mergedInto: null }, 'loaded from reference/icbs.csv', 'reference data');
        created += 1;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error; // another instance seeded it at the same moment
      }
    }
    return created;
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

function fields(system: NewSystem & { status: SystemFields['status']; mergedInto?: string | null | undefined }): SystemFields {
  return { odsCode: system.odsCode, onsCode: system.onsCode, name: system.name, shortName: system.shortName, region: system.region, status: system.status, mergedInto: system.mergedInto ?? null };
}

function changeView(change: { at: Date; by: string; action: string; before?: unknown; after?: unknown; note?: string | null }): SystemChange {
  return { at: change.at, by: change.by, action: change.action as SystemChange['action'], before: change.before ?? null, after: change.after ?? null, note: change.note ?? null };
}
