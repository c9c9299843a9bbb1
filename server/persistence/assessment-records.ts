import type { Collection, Connection } from 'mongoose';
import { ConflictError } from '../../assessments/errors.ts';
import type { Perspective } from '../../assessments/evidence/perspective-evidence.ts';
import type { Actor } from '../services/actor.ts';
import { isDuplicateKey } from './database-errors.ts';

/**
 * Everything that changes in an assessment is kept as an append-only, versioned record:
 *  - status: the assessment moved to a status;
 *  - evidence: one perspective's evidence for a criterion, with what the rules proposed for it;
 *  - judgement: a person's acceptance or override of the proposal (¶3.121);
 *  - moderation: the panel's agreed score for a criterion (perspective is null);
 *  - ambitions: the system's own priorities and progress against them (¶3.121);
 *  - sharing: whether the system agrees to share its practice with other systems (¶3.123).
 */
export const recordKinds = ['status', 'evidence', 'judgement', 'moderation', 'ambitions', 'sharing', 'import'] as const;
export type RecordKind = (typeof recordKinds)[number];

/** Which series of versions a record belongs to. Status has neither perspective nor criterion; moderation no perspective. */
export interface RecordKey {
  assessmentId: string;
  kind: RecordKind;
  perspective: Perspective | null;
  criterion: string | null;
}

export interface StoredRecord<Content = unknown> extends RecordKey {
  version: number;
  content: Content;
  by: Actor;
  at: Date;
}

/** As stored: the content as JSON text, which FerretDB reads about six times faster than nested fields (never queried into). */
type RecordDocument = Omit<StoredRecord, 'content'> & { _id: string; content: string };

/**
 * The append-only, versioned records of assessments, one collection per assessment.
 *
 * Nothing is updated or deleted, so history is complete. A write names the version it was based
 * on (0 for the first); it succeeds only if that is still the latest, and its document's `_id`
 * (series and version) is unique, so a racing writer that passed the same check is refused.
 * Either way the loser gets 409 with the current version and no update is lost. That insert is the
 * only concurrency primitive relied on: FerretDB 1.24 (SQLite) applies conditional updates without
 * atomicity. One collection per assessment because FerretDB's SQLite backend pushes down no filter
 * but `{_id: …}`: every other query reads its whole collection, which here stays small.
 */
export class AssessmentRecords {
  constructor(private readonly connection: Connection) {}

  async latest<Content>(key: RecordKey): Promise<StoredRecord<Content> | null> {
    const versions = await this.versions<Content>(key);
    return versions.at(-1) ?? null;
  }

  async versions<Content>(key: RecordKey): Promise<Array<StoredRecord<Content>>> {
    return (await this.allOf(key.assessmentId)).filter((record) => sameSeries(record, key)) as Array<StoredRecord<Content>>;
  }

  /** The latest record of each criterion of one kind and perspective in an assessment. */
  async latestOfEach<Content>(assessmentId: string, kind: RecordKind, perspective: Perspective | null): Promise<Map<string, StoredRecord<Content>>> {
    return latestByCriterion<Content>(await this.allOf(assessmentId), kind, perspective);
  }

  /** Every record of an assessment, oldest first: the material of its audit trail and its export. */
  async allOf(assessmentId: string): Promise<StoredRecord[]> {
    const documents = await this.collection(assessmentId).find({}).toArray();
    return documents
      .map((document) => withoutId(document as unknown as RecordDocument))
      .sort((a, b) => a.at.getTime() - b.at.getTime() || seriesOf(a).localeCompare(seriesOf(b)) || a.version - b.version);
  }

  async append<Content>(key: RecordKey, basedOnVersion: number, content: Content, by: Actor, at: Date): Promise<StoredRecord<Content>> {
    const current = (await this.latest(key))?.version ?? 0;
    if (basedOnVersion !== current) throw stale(key, basedOnVersion, current);
    const record: StoredRecord<Content> = { ...key, version: current + 1, content, by, at };
    try {
      await this.collection(key.assessmentId).insertOne(withId(record) as never);
    } catch (error) {
      if (isDuplicateKey(error)) throw stale(key, basedOnVersion, (await this.latest(key))?.version ?? current + 1);
      throw error;
    }
    return record;
  }

  /** Writes records as they are (an import); fails whole on a duplicate version. */
  async insertAll(assessmentId: string, records: readonly StoredRecord[]): Promise<void> {
    if (records.length > 0) await this.collection(assessmentId).insertMany(records.map(withId) as never[], { ordered: true });
  }

  /** Drops an assessment's records: only for an assessment that never became visible (a failed create or import). */
  async discard(assessmentId: string): Promise<void> {
    await this.collection(assessmentId).deleteMany({});
  }

  private collection(assessmentId: string): Collection {
    return this.connection.collection(`records_${assessmentId.replace(/[^0-9a-f]/gi, '')}`);
  }
}

/** Of records oldest first, the latest of each criterion of one kind and perspective. */
export function latestByCriterion<Content>(records: readonly StoredRecord[], kind: RecordKind, perspective: Perspective | null): Map<string, StoredRecord<Content>> {
  const latest = new Map<string, StoredRecord<Content>>();
  for (const record of records) if (record.kind === kind && record.perspective === perspective) latest.set(record.criterion ?? '', record as StoredRecord<Content>);
  return latest;
}

function seriesOf(key: RecordKey): string {
  return `${key.kind}/${key.perspective ?? ''}/${key.criterion ?? ''}`;
}

function sameSeries(record: RecordKey, key: RecordKey): boolean {
  return record.kind === key.kind && record.perspective === key.perspective && record.criterion === key.criterion;
}

/** The `_id` of a record names its series and version, so the primary key refuses a duplicate version. */
function withId(record: StoredRecord): RecordDocument {
  return { _id: `${seriesOf(record)}/${record.version}`, ...record, content: JSON.stringify(record.content) };
}

function withoutId({ _id: _ignored, content, ...record }: RecordDocument): StoredRecord {
  return { ...record, content: JSON.parse(content) as unknown };
}

function stale(key: RecordKey, basedOn: number, current: number): ConflictError {
  const what = key.kind === 'status' ? 'The assessment' : `The ${key.kind} for ${key.criterion}`;
  return new ConflictError(`${what} has changed: you were working from version ${basedOn} but it is now at version ${current}. Reload to see the latest, then make your change again.`, { version: current });
}
