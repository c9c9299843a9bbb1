import { ConflictError } from '../../assessments/errors.ts';
import type { Perspective } from '../../assessments/evidence/perspective-evidence.ts';
import type { Actor } from '../services/actor.ts';
import { isDuplicateKey } from './database-errors.ts';
import type { Models } from './database.ts';
import type { RecordKind } from './models/assessment-record.ts';

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

/**
 * The append-only, versioned records of assessments (see models/assessment-record.ts). A write
 * names the version it was based on (0 for the first); it succeeds only if that is still the
 * latest, and a racing writer that passed the same check is refused by the unique index. Either
 * way the loser gets 409 with the current version, and no update is lost.
 */
export class AssessmentRecords {
  constructor(private readonly models: Models) {}

  async latest<Content>(key: RecordKey): Promise<StoredRecord<Content> | null> {
    const found = await this.models.assessmentRecords.findOne(key, { _id: 0 }).sort({ version: -1 }).lean();
    return found === null ? null : (found as unknown as StoredRecord<Content>);
  }

  async versions<Content>(key: RecordKey): Promise<Array<StoredRecord<Content>>> {
    return (await this.models.assessmentRecords.find(key, { _id: 0 }).sort({ version: 1 }).lean()) as unknown as Array<StoredRecord<Content>>;
  }

  /** The latest record of each criterion of one kind and perspective in an assessment. */
  async latestOfEach<Content>(assessmentId: string, kind: RecordKind, perspective: Perspective | null): Promise<Map<string, StoredRecord<Content>>> {
    const all = (await this.models.assessmentRecords.find({ assessmentId, kind, perspective }, { _id: 0 }).sort({ criterion: 1, version: 1 }).lean()) as unknown as Array<StoredRecord<Content>>;
    return new Map(all.map((record) => [record.criterion ?? '', record]));
  }

  /** Every record of an assessment, oldest first: the material of its audit trail and its export. */
  async allOf(assessmentId: string): Promise<StoredRecord[]> {
    return (await this.models.assessmentRecords.find({ assessmentId }, { _id: 0 }).sort({ at: 1, version: 1 }).lean()) as unknown as StoredRecord[];
  }

  async append<Content>(key: RecordKey, basedOnVersion: number, content: Content, by: Actor, at: Date): Promise<StoredRecord<Content>> {
    const current = (await this.latest(key))?.version ?? 0;
    if (basedOnVersion !== current) throw stale(key, basedOnVersion, current);
    const record: StoredRecord<Content> = { ...key, version: current + 1, content, by, at };
    try {
      await this.models.assessmentRecords.create(record);
    } catch (error) {
      if (isDuplicateKey(error)) throw stale(key, basedOnVersion, (await this.latest(key))?.version ?? current + 1);
      throw error;
    }
    return record;
  }
}

function stale(key: RecordKey, basedOn: number, current: number): ConflictError {
  const what = key.kind === 'status' ? 'The assessment' : `The ${key.kind} for ${key.criterion}`;
  return new ConflictError(`${what} has changed: you were working from version ${basedOn} but it is now at version ${current}. Reload to see the latest, then make your change again.`, { version: current });
}
