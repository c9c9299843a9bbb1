import type { AssessmentStatus } from '../../assessments/workflow/status.ts';
import type { RecordKey, StoredRecord } from './assessment-records.ts';

/**
 * An assessment's current state, derived from its records and kept on its document so that a
 * read is one document whatever the length of its history:
 *  - `seq`: how many of its records it reflects (their places 1…seq);
 *  - `latest`: the highest version of each series (never the newest timestamp);
 *  - `statusHistory`: the status steps in order of version;
 *  - `cache`: results derived from the state (a perspective's scores), each with the key of the
 *    inputs it was computed from, so a result whose inputs changed is never used.
 * The records stay the truth: a state can always be rebuilt from them.
 */
export interface AssessmentState {
  seq: number;
  latest: StoredRecord[];
  statusHistory: Array<{ status: string; version: number; by: { userId: string; name: string }; at: Date }>;
  cache: Record<string, { key: string; value: unknown }>;
}

/**
 * How the state is stored: as a document (MongoDB, where it can be queried and indexed), or as
 * JSON text (the embedded FerretDB 1.24, whose SQLite backend decodes a large nested document
 * several times slower than a string it does not look into).
 */
export type StateEncoding = 'document' | 'text';

export function emptyState(): AssessmentState {
  return { seq: 0, latest: [], statusHistory: [], cache: {} };
}

/** The state after one more record, at place `seq`. */
export function applyRecord(state: AssessmentState, record: StoredRecord, seq: number): AssessmentState {
  const seen = latestIn(state, record);
  const newer = seen === undefined || seen.version < record.version;
  const latest = newer ? [...state.latest.filter((candidate) => candidate !== seen), record] : state.latest;
  const statusHistory =
    record.kind === 'status'
      ? [...state.statusHistory.filter((step) => step.version !== record.version), { status: (record.content as { status: string }).status, version: record.version, by: record.by, at: record.at }].sort((a, b) => a.version - b.version)
      : state.statusHistory;
  return { seq: Math.max(state.seq, seq), latest, statusHistory, cache: state.cache };
}

/** The latest record of a series in a state. */
export function latestIn(state: AssessmentState, key: Pick<RecordKey, 'kind' | 'perspective' | 'criterion'>): StoredRecord | undefined {
  return state.latest.find((record) => record.kind === key.kind && record.perspective === key.perspective && record.criterion === key.criterion);
}

export function encodeState(state: AssessmentState, encoding: StateEncoding): unknown {
  return encoding === 'text' ? JSON.stringify(state) : { ...state, cache: JSON.stringify(state.cache) };
}

/** The state as stored, or null when there is none (an assessment written before states were kept, or an import). */
export function decodeState(stored: unknown): AssessmentState | null {
  if (stored === undefined || stored === null) return null;
  const raw = (typeof stored === 'string' ? JSON.parse(stored) : stored) as AssessmentState & { cache: unknown };
  return {
    seq: raw.seq,
    latest: raw.latest.map((record) => ({ ...record, at: new Date(record.at) })),
    statusHistory: raw.statusHistory.map((step) => ({ ...step, at: new Date(step.at) })),
    cache: (typeof raw.cache === 'string' ? JSON.parse(raw.cache) : raw.cache) as AssessmentState['cache'],
  };
}

/** The assessment's status as of this state. */
export function statusIn(state: AssessmentState): AssessmentStatus {
  return ((latestIn(state, { kind: 'status', perspective: null, criterion: null })?.content as { status: AssessmentStatus } | undefined)?.status ?? 'draft');
}

/** The rule pack the assessment was last moved to, if it was ever moved (its pin otherwise stays as created). */
export function pinIn(state: AssessmentState): { id: string; version: string; hash: string } | undefined {
  return (latestIn(state, { kind: 'pack', perspective: null, criterion: null })?.content as { to: { id: string; version: string; hash: string } } | undefined)?.to;
}
