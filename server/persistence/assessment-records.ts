import type { Collection, Connection } from 'mongoose';
import { ConflictError, UnavailableError } from '../../assessments/errors.ts';
import type { Perspective } from '../../assessments/evidence/perspective-evidence.ts';
import type { Actor } from '../services/actor.ts';
import { isDuplicateKey } from './database-errors.ts';
import { applyRecord, decodeState, emptyState, encodeState, latestIn, pinIn, type AssessmentState } from './assessment-state.ts';
import { requestMemo } from './request-memo.ts';
import { decodeContent, encodeContent, type StorageLayout } from './storage-layout.ts';

/**
 * Everything that changes in an assessment is kept as an append-only, versioned record:
 *  - status: the assessment moved to a status;
 *  - evidence: one perspective's evidence for a criterion, with what the rules proposed for it;
 *  - judgement: a person's acceptance or override of the proposal (¶3.121);
 *  - moderation: the panel's agreed score for a criterion (perspective is null);
 *  - ambitions: the system's own priorities and progress against them (¶3.121);
 *  - sharing: whether the system agrees to share its practice with other systems (¶3.123).
 */
export const recordKinds = ['status', 'evidence', 'judgement', 'moderation', 'ambitions', 'sharing', 'pack', 'perspective-submitted', 'reveal', 'dissent', 'import'] as const;
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

/** As stored in `assessment_records`: the record, its place in its assessment's sequence, and an `_id` naming both. */
export interface RecordDocument extends StoredRecord {
  _id: string;
  seq: number;
}

/** The assessment document's fields this store keeps: its current state, as of record `seq`. */
export interface StoredAssessmentState {
  _id: string;
  seq?: number;
  state?: unknown;
  [field: string]: unknown;
}

/** An assessment document as read, with its current state decoded and caught up with its records. */
export interface CurrentAssessment<Document extends StoredAssessmentState = StoredAssessmentState> {
  document: Document;
  state: AssessmentState;
}

/** Checks a write against the state it is about to extend (e.g. "the self-assessment is still a draft"); throws to refuse it. */
export type WriteGuard = (current: CurrentAssessment) => void;

export const assessmentsCollection = 'assessments';

/** The indexes behind every query this store makes on the shared layout (created by `npm run db:indexes`, and at start in development). */
export const recordIndexes = [
  { key: { assessmentId: 1, seq: 1 }, name: 'history_in_order', unique: true },
  { key: { assessmentId: 1, kind: 1, perspective: 1, criterion: 1, version: 1 }, name: 'series_versions', unique: true },
] as const;

const maxAttempts = 25;

/**
 * The append-only, versioned records of every assessment, and each assessment's current state kept
 * on its own document (placed and encoded by a storage layout: storage-layout.ts).
 *
 * Order is by version, never by time: instances' clocks disagree. A record's `_id` is its
 * assessment and its place in that assessment's sequence (`<assessment>/<seq>`), so of writers who
 * read the same state only the first to insert the next place succeeds. The others re-read and try
 * again; a writer whose series moved on meanwhile gets 409 with the current version, and a guard
 * (the status check before a perspective's save) is re-checked against the state it extends, so a
 * check and its write cannot be separated. That insert is the only concurrency primitive relied on:
 * FerretDB 1.24 applies conditional updates without atomicity.
 *
 * After each insert the assessment document's `state` (the latest record of each series, and the
 * derived results cached against the inputs they were computed from) is replaced, conditioned on
 * its sequence. A state left behind (a crash between the two writes, or a conditional update lost
 * on FerretDB) is caught up on the next read by looking for the record after it, by `_id`.
 */
export class AssessmentRecords {
  private readonly written: Array<(assessmentId: string) => Promise<void>> = [];

  constructor(
    private readonly connection: Connection,
    readonly layout: StorageLayout,
  ) {}

  /** Runs `listener` after each write to an assessment (derived views keep up with it); it must not throw. */
  afterWrite(listener: (assessmentId: string) => Promise<void>): void {
    this.written.push(listener);
  }

  /** The assessment document and its current state: one read by `_id` (shared within a request), and one more to see that nothing follows it. */
  async read(assessmentId: string): Promise<CurrentAssessment | null> {
    return requestMemo(assessmentId, () => this.readFresh(assessmentId));
  }

  async latest<Content>(key: RecordKey): Promise<StoredRecord<Content> | null> {
    const current = await this.read(key.assessmentId);
    return current === null ? null : ((latestIn(current.state, key) as StoredRecord<Content> | undefined) ?? null);
  }

  /** Every version of one series, oldest (version 1) first. */
  async versions<Content>(key: RecordKey): Promise<Array<StoredRecord<Content>>> {
    const documents = await this.records(key.assessmentId).find({ assessmentId: key.assessmentId, kind: key.kind, perspective: key.perspective, criterion: key.criterion }).toArray();
    return documents.map((document) => recordOf(document as unknown as RecordDocument) as StoredRecord<Content>).sort((a, b) => a.version - b.version);
  }

  /** The latest record of each criterion of one kind and perspective in an assessment. */
  async latestOfEach<Content>(assessmentId: string, kind: RecordKind, perspective: Perspective | null): Promise<Map<string, StoredRecord<Content>>> {
    const current = await this.read(assessmentId);
    return latestByCriterion<Content>(current?.state.latest ?? [], kind, perspective);
  }

  /** Every record of an assessment in the order it was written: the material of its audit trail and its export. */
  async allOf(assessmentId: string): Promise<StoredRecord[]> {
    return (await this.documentsOf(assessmentId)).map(recordOf);
  }

  /**
   * Appends the next version of a series, based on `basedOnVersion` (0 for the first): 409 if the
   * series has moved on. `guard` is checked against the very state the record extends.
   */
  async append<Content>(key: RecordKey, basedOnVersion: number, content: Content, by: Actor, at: Date, guard?: WriteGuard): Promise<StoredRecord<Content>> {
    for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
      const current = attempt === 0 ? await this.read(key.assessmentId) : await this.readFresh(key.assessmentId);
      if (current === null) throw new ConflictError(`There is no assessment ${key.assessmentId} to record this in`);
      guard?.(current);
      const latestVersion = latestIn(current.state, key)?.version ?? 0;
      if (basedOnVersion !== latestVersion) throw stale(key, basedOnVersion, latestVersion);
      const record: StoredRecord<Content> = { ...key, version: latestVersion + 1, content: plain(content), by: { userId: by.userId, name: by.name }, at };
      const seq = current.state.seq + 1;
      try {
        await this.records(key.assessmentId).insertOne(this.documentOf(record, seq) as never);
      } catch (error) {
        if (isDuplicateKey(error)) continue;
        throw error;
      }
      await this.writeState(key.assessmentId, applyRecord(current.state, record, seq), current.document);
      for (const listener of this.written) await listener(key.assessmentId);
      return record;
    }
    throw new UnavailableError('This assessment is being changed by many people at once; try again in a moment');
  }

  /**
   * The first record of a new assessment (its first status), and the state fields to create the
   * assessment document with: the document is written after, so nothing refers to it until then.
   */
  async begin<Content>(key: RecordKey, content: Content, by: Actor, at: Date): Promise<{ record: StoredRecord<Content>; fields: { seq: number; state: unknown } }> {
    const record: StoredRecord<Content> = { ...key, version: 1, content: plain(content), by: { userId: by.userId, name: by.name }, at };
    await this.records(key.assessmentId).insertOne(this.documentOf(record, 1) as never);
    return { record, fields: { seq: 1, state: encodeState(applyRecord(emptyState(), record, 1), this.layout.state) } };
  }

  /** Writes records as they are (an import), in the order given; fails on a place or series version already taken. Returns the places written. */
  async insertAll(assessmentId: string, records: readonly StoredRecord[]): Promise<string[]> {
    const documents = records.map((record, index) => this.documentOf({ ...record, content: plain(record.content) }, index + 1));
    if (documents.length > 0) await this.records(assessmentId).insertMany(documents as never[], { ordered: true });
    requestMemo.forget(assessmentId);
    return documents.map((document) => document._id);
  }

  /** Removes the records written at these places (an import that failed removes only what it wrote). */
  async remove(assessmentId: string, ids: readonly string[]): Promise<void> {
    for (const id of ids) await this.records(assessmentId).deleteOne({ _id: id } as never);
    requestMemo.forget(assessmentId);
  }

  /** Drops an assessment's records: only for an assessment that never became visible (a failed create or import). */
  async discard(assessmentId: string): Promise<void> {
    await this.records(assessmentId).deleteMany({ assessmentId });
    requestMemo.forget(assessmentId);
  }

  /** Keeps a derived result with the state it was computed from; skipped if the state has moved on (it is recomputed then). */
  async cache(current: CurrentAssessment, name: string, entry: { key: string; value: unknown }): Promise<void> {
    const state: AssessmentState = { ...current.state, cache: { ...current.state.cache, [name]: entry } };
    current.state.cache[name] = entry;
    // Only the state, and only while the document is at the same place: a cache write never touches
    // the status copied for listing, so even a conditional update FerretDB applies late cannot put an
    // older status back (a state it puts back is caught up from the records at the next read).
    await this.assessments().updateOne({ _id: current.document._id, seq: state.seq } as never, { $set: { state: encodeState(state, this.layout.state) } });
  }

  /** Brings an assessment's state up to date with its records (at start, after a migration); true if it was behind. */
  async repair(assessmentId: string): Promise<boolean> {
    const before = await this.assessments().findOne({ _id: assessmentId as never }, { projection: { seq: 1 } });
    const current = await this.readFresh(assessmentId);
    return current !== null && (before?.seq as number | undefined) !== current.state.seq;
  }

  /**
   * Of assessment documents as listed (without reading their state), the ids of those whose state is
   * behind their records: a record follows their place, or they have no place yet. One look per
   * records collection; a listing catches those up by reading them, as a read by `_id` would.
   */
  async behind(documents: ReadonlyArray<{ _id: string; seq?: unknown }>): Promise<Set<string>> {
    const behind = new Set<string>();
    const next = new Map<string, string[]>();
    for (const document of documents) {
      if (typeof document.seq !== 'number') {
        behind.add(document._id);
        continue;
      }
      const collection = this.layout.collectionOf(document._id);
      next.set(collection, [...(next.get(collection) ?? []), placeOf(document._id, document.seq + 1)]);
    }
    const found = await Promise.all([...next].map(([collection, places]) => this.connection.collection(collection).find({ _id: { $in: places } } as never, { projection: { assessmentId: 1 } }).toArray()));
    for (const document of found.flat()) behind.add(String(document.assessmentId));
    return behind;
  }

  private async readFresh(assessmentId: string): Promise<CurrentAssessment | null> {
    const document = (await this.assessments().findOne({ _id: assessmentId as never })) as StoredAssessmentState | null;
    if (document === null) return null;
    let state = decodeState(document.state);
    let behind = false;
    if (state === null) {
      state = (await this.documentsOf(assessmentId)).reduce((built, record) => applyRecord(built, recordOf(record), record.seq), emptyState());
      behind = true;
    }
    for (;;) {
      const next = (await this.records(assessmentId).findOne({ _id: placeOf(assessmentId, state.seq + 1) } as never)) as RecordDocument | null;
      if (next === null) break;
      state = applyRecord(state, recordOf(next), next.seq);
      behind = true;
    }
    if (behind) await this.writeState(assessmentId, state, document);
    return { document, state };
  }

  private async documentsOf(assessmentId: string): Promise<RecordDocument[]> {
    const documents = (await this.records(assessmentId).find({ assessmentId }).toArray()) as unknown as RecordDocument[];
    return documents.sort((a, b) => a.seq - b.seq);
  }

  /** Replaces the state if it is newer than the stored one, with the status copied for listing. */
  private async writeState(assessmentId: string, state: AssessmentState, document: StoredAssessmentState): Promise<void> {
    requestMemo.forget(assessmentId);
    const status = latestIn(state, { kind: 'status', perspective: null, criterion: null }) as StoredRecord<{ status: string }> | undefined;
    const fields: Record<string, unknown> = { seq: state.seq, state: encodeState(state, this.layout.state) };
    // Copies kept for listing and queries, restored by every state write: on FerretDB an update of
    // other fields of the document, applied late, can put older values back.
    const pin = pinIn(state);
    if (pin !== undefined) fields.pack = { id: pin.id, version: pin.version, hash: pin.hash };
    if (status !== undefined) {
      fields.status = status.content.status;
      fields.version = status.version;
      fields.statusHistory = state.statusHistory;
    }
    if (typeof document.seq === 'number' && document.seq > state.seq) return;
    await this.assessments().updateOne({ _id: assessmentId as never, $or: [{ seq: { $exists: false } }, { seq: { $lte: state.seq } }] } as never, { $set: fields });
  }

  /** Writes a record at a place: an import, a migration. Returns false if the place was taken (by the same record, when run again). */
  async place(document: RecordDocument): Promise<boolean> {
    const written = await this.records(document.assessmentId).updateOne({ _id: document._id } as never, { $setOnInsert: this.documentOf(document, document.seq) }, { upsert: true });
    return written.upsertedCount > 0;
  }

  /** How many records an assessment has. */
  async count(assessmentId: string): Promise<number> {
    return this.records(assessmentId).countDocuments({ assessmentId });
  }

  private documentOf(record: StoredRecord, seq: number): RecordDocument {
    return { _id: placeOf(record.assessmentId, seq), seq, assessmentId: record.assessmentId, kind: record.kind, perspective: record.perspective, criterion: record.criterion, version: record.version, content: encodeContent(this.layout, record.content), by: record.by, at: record.at };
  }

  private records(assessmentId: string): Collection {
    return this.connection.collection(this.layout.collectionOf(assessmentId));
  }

  private assessments(): Collection {
    return this.connection.collection(assessmentsCollection);
  }
}

/** Of records (any order), the latest version of each criterion of one kind and perspective. */
export function latestByCriterion<Content>(records: readonly StoredRecord[], kind: RecordKind, perspective: Perspective | null): Map<string, StoredRecord<Content>> {
  const latest = new Map<string, StoredRecord<Content>>();
  for (const record of records) {
    if (record.kind !== kind || record.perspective !== perspective) continue;
    const seen = latest.get(record.criterion ?? '');
    if (seen === undefined || seen.version < record.version) latest.set(record.criterion ?? '', record as StoredRecord<Content>);
  }
  return latest;
}

/** The name of a series: kind, perspective and criterion. */
export function seriesOf(key: Pick<RecordKey, 'kind' | 'perspective' | 'criterion'>): string {
  return `${key.kind}/${key.perspective ?? ''}/${key.criterion ?? ''}`;
}

export function placeOf(assessmentId: string, seq: number): string {
  return `${assessmentId}/${seq}`;
}

function recordOf(document: RecordDocument): StoredRecord {
  return { assessmentId: document.assessmentId, kind: document.kind, perspective: document.perspective, criterion: document.criterion, version: document.version, content: decodeContent(document.content), by: { userId: document.by.userId, name: document.by.name }, at: new Date(document.at) };
}

/** Content as JSON would carry it (no undefined fields, no class instances), so it reads back exactly as written on every database. */
function plain<Content>(content: Content): Content {
  return JSON.parse(JSON.stringify(content)) as Content;
}

function stale(key: RecordKey, basedOn: number, current: number): ConflictError {
  const what = key.kind === 'status' ? 'The assessment' : `The ${key.kind} for ${key.criterion}`;
  return new ConflictError(`${what} has changed: you were working from version ${basedOn} but it is now at version ${current}. Reload to see the latest, then make your change again.`, { version: current });
}
