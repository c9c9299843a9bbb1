import { readFile } from 'node:fs/promises';
import { ConflictError } from '../../assessments/errors.ts';
import { fromProjectRoot } from '../../scripts/project-root.mjs';
import type { InForce } from '../../assessments/systems/in-force.ts';
import { successionTypes, type Succession } from '../../assessments/systems/succession.ts';
import { parseCsv } from './parse-csv.ts';
import { referenceData, type NewSystem, type SystemService } from './system-service.ts';

/** The maps of ICBs in reference/, each with the day it took effect, oldest first. */
export const referenceMaps = [
  { file: 'icbs.csv', from: '2022-07-01' },
  { file: 'icbs-2026.csv', from: '2026-04-01' },
] as const;
const successionsFile = 'icb-successions.csv';

const referencePath = (file: string) => fromProjectRoot('reference', file);

export interface ReferenceUpdate {
  created: number;
  updated: number;
  successions: number;
}

/** A CSV's rows as objects keyed by its header. */
async function rowsOf(file: string): Promise<Array<Record<string, string>>> {
  const [header = [], ...rows] = parseCsv(await readFile(referencePath(file), 'utf8'));
  return rows.filter((row) => row.some((cell) => cell !== '')).map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ''])));
}

/**
 * Every system in the reference maps with its in-force dates: from the first day of the first map
 * that lists it, until the first day of the first later map that does not (null while the newest
 * lists it); its codes and names from the newest map that lists it.
 */
export async function referenceSystems(): Promise<Array<NewSystem & InForce>> {
  const maps = await Promise.all(referenceMaps.map(async (map) => ({ ...map, rows: await rowsOf(map.file) })));
  const systems = new Map<string, NewSystem & InForce>();
  maps.forEach((map, index) => {
    const next = maps[index + 1];
    for (const row of map.rows) {
      const odsCode = row.ods_code ?? '';
      const known = systems.get(odsCode);
      const stillListed = next === undefined || next.rows.some((other) => other.ods_code === odsCode);
      systems.set(odsCode, {
        odsCode,
        onsCode: row.ons_code ?? '',
        name: row.name ?? '',
        shortName: row.short_name ?? '',
        region: row.nhs_region ?? '',
        inForceFrom: known?.inForceFrom ?? map.from,
        inForceUntil: stillListed ? null : (next?.from ?? null),
      });
    }
  });
  return [...systems.values()];
}

/** The succession events in reference/icb-successions.csv. */
export async function referenceSuccessions(): Promise<Succession[]> {
  return (await rowsOf(successionsFile)).map((row) => {
    const type = successionTypes.find((known) => known === row.type);
    if (type === undefined) throw new Error(`${successionsFile}: unknown succession type "${row.type}"`);
    return { predecessor: row.predecessor_ods ?? '', successor: row.successor_ods ?? '', date: row.date ?? '', type };
  });
}

/**
 * Brings the database in line with the reference data: adds the systems it lacks, sets in-force
 * dates, records the successions it lacks. Idempotent (a second run changes nothing) and it never
 * touches an assessment. First start runs it; so does `ics-maturity update-reference`.
 */
export async function updateReferenceData(systems: SystemService): Promise<ReferenceUpdate> {
  const result: ReferenceUpdate = { created: 0, updated: 0, successions: 0 };
  for (const system of await referenceSystems()) {
    const outcome = await systems.applyReference(system, `from reference/${(referenceMaps.find((map) => map.from === system.inForceFrom) ?? referenceMaps[0]).file}`);
    if (outcome !== 'unchanged') result[outcome] += 1;
  }
  for (const succession of await referenceSuccessions()) {
    try {
      await systems.recordSuccession({ ...succession, note: `from reference/${successionsFile}` }, referenceData);
      result.successions += 1;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error; // already recorded
    }
  }
  return result;
}
