import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { perspectives } from '../../../assessments/evidence/perspective-evidence.ts';

const actor = new Schema({ userId: { type: String, required: true }, name: { type: String, required: true } }, { _id: false });

/**
 * Everything that changes in an assessment is kept as an append-only, versioned record:
 *  - status: the assessment moved to a status (series per assessment);
 *  - evidence: one perspective's evidence for a criterion, with what the rules proposed for it;
 *  - judgement: a person's acceptance or override of the proposal (¶3.121);
 *  - moderation: the panel's agreed score for a criterion (perspective is null).
 * Nothing is updated or deleted, so the history is complete. A write inserts version n + 1 of its
 * series; the unique index refuses a second writer of the same version. That insert is the only
 * concurrency primitive the product relies on: FerretDB 1.24 (SQLite) applies conditional updates
 * (findOneAndUpdate/updateOne with a version filter) without atomicity, losing updates.
 */
export const recordKinds = ['status', 'evidence', 'judgement', 'moderation'] as const;
export type RecordKind = (typeof recordKinds)[number];

const assessmentRecordSchema = new Schema(
  {
    assessmentId: { type: String, required: true },
    kind: { type: String, enum: recordKinds, required: true },
    perspective: { type: String, enum: [...perspectives, null], default: null },
    criterion: { type: String, default: null },
    version: { type: Number, required: true, min: 1 },
    content: { type: Schema.Types.Mixed, required: true },
    by: { type: actor, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'assessment_records', versionKey: false, strict: 'throw', minimize: false },
);
assessmentRecordSchema.index({ assessmentId: 1, kind: 1, perspective: 1, criterion: 1, version: 1 }, { unique: true });
assessmentRecordSchema.index({ assessmentId: 1, at: 1 });

export type AssessmentRecordDocument = InferSchemaType<typeof assessmentRecordSchema>;

export function assessmentRecordModel(connection: Connection) {
  return connection.model('AssessmentRecord', assessmentRecordSchema);
}
