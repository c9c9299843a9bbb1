import type { Connection } from 'mongoose';
import type { Logger } from '../log.ts';
import { assessmentsCollection, placeOf, seriesOf, type AssessmentRecords, type RecordDocument, type StoredRecord } from './assessment-records.ts';

/** How the first layout named an assessment's own collection of records (one per assessment). */
const legacyPrefix = 'records_';

/** A record as the first layout stored it: `_id` series/version, content as JSON text. */
interface LegacyRecord extends Omit<StoredRecord, 'content'> {
  _id: string;
  content: string;
}

export interface MigrationReport {
  assessments: number;
  records: number;
}

/**
 * Moves records from the first layout (a collection per assessment named by series and version,
 * content as JSON text) into the store's layout (in a sequence per assessment), and builds
 * each assessment's state. Idempotent: records already moved are skipped, and an old collection
 * is dropped only once all its records are found in the new one, so it can be run again after an
 * interruption, or by several instances at once. `progress` is told after each assessment.
 */
export async function migrateStorage(connection: Connection, records: AssessmentRecords, log: Logger): Promise<MigrationReport> {
  const legacy = (await connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((collection) => collection.name).filter((name) => name.startsWith(legacyPrefix)).sort();
  const report: MigrationReport = { assessments: 0, records: 0 };
  if (legacy.length === 0) return report;
  log.info('Moving records to the one collection of records', { assessments: legacy.length });
  for (const [index, name] of legacy.entries()) {
    const old = (await connection.collection(name).find({}).toArray()) as unknown as LegacyRecord[];
    const assessmentId = old[0]?.assessmentId;
    if (assessmentId !== undefined) {
      const documents = inSequence(old).map((record, position): RecordDocument => ({ ...record, _id: placeOf(assessmentId, position + 1), seq: position + 1 }));
      for (const document of documents) if (await records.place(document)) report.records += 1;
      const present = await records.count(assessmentId);
      if (present < documents.length) throw new Error(`Only ${present} of ${documents.length} records of ${assessmentId} were moved; ${name} is kept`);
      // The state is rebuilt from the records just moved.
      await connection.collection(assessmentsCollection).updateOne({ _id: assessmentId } as never, { $unset: { state: '', seq: '' } });
      await records.repair(assessmentId);
    }
    await connection.collection(name).drop();
    report.assessments += 1;
    log.info(`Moved ${index + 1} of ${legacy.length} assessments`, { assessmentId: assessmentId ?? null, records: old.length });
  }
  return report;
}

/**
 * The records of one assessment in an order that keeps each series in version order: by time as the
 * first layout read them, with each series' places then given to its versions in ascending order
 * (times are information, not order: clocks of several instances disagree).
 */
function inSequence(old: readonly LegacyRecord[]): StoredRecord[] {
  const parsed = old
    .map(({ _id: _ignored, content, ...record }): StoredRecord => ({ ...record, content: JSON.parse(content) as unknown, at: new Date(record.at) }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || seriesOf(a).localeCompare(seriesOf(b)) || a.version - b.version);
  const bySeries = new Map<string, StoredRecord[]>();
  for (const record of parsed) bySeries.set(seriesOf(record), [...(bySeries.get(seriesOf(record)) ?? []), record]);
  for (const versions of bySeries.values()) versions.sort((a, b) => a.version - b.version);
  return parsed.map((record) => bySeries.get(seriesOf(record))!.shift()!);
}
