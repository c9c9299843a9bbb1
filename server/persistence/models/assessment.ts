import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { statuses } from '../../../assessments/workflow/status.ts';

const actor = new Schema({ userId: { type: String, required: true }, name: { type: String, required: true } }, { _id: false });

/**
 * One assessment of one system for one period under one rule pack, pinned at creation (id,
 * version and hash). Its status moves draft → submitted → in review → moderated → published; each
 * move is a status record (assessment-records.ts), copied here for listing. The document also
 * carries the assessment's current state, so one read by `_id` serves a request.
 */
const assessmentSchema = new Schema(
  {
    _id: { type: String, required: true },
    system: { type: String, required: true },
    systemName: { type: String, required: true },
    region: { type: String, required: true },
    period: { type: String, required: true },
    pack: {
      type: new Schema({ id: { type: String, required: true }, version: { type: String, required: true }, hash: { type: String, required: true } }, { _id: false }),
      required: true,
    },
    calibrationMode: { type: Boolean, required: true },
    /** The status and version of the latest status record, kept here for listing and filtering. */
    status: { type: String, enum: statuses, required: true, index: true },
    demo: { type: Boolean, required: true, default: false },
    version: { type: Number, required: true },
    /** The status steps in order of version, kept here for listing (the status records are the truth). */
    statusHistory: { type: [Schema.Types.Mixed], default: undefined },
    /** How many of its records the state reflects, and the state itself (assessment-state.ts): kept current on write by the record store. */
    seq: { type: Number },
    state: { type: Schema.Types.Mixed },
    createdAt: { type: Date, required: true },
    createdBy: { type: actor, required: true },
  },
  { collection: 'assessments', versionKey: false, strict: 'throw' },
);
assessmentSchema.index({ system: 1, period: 1, 'pack.id': 1 }, { unique: true });
assessmentSchema.index({ period: 1, region: 1 });

export type AssessmentDocument = InferSchemaType<typeof assessmentSchema>;

export function assessmentModel(connection: Connection) {
  return connection.model('Assessment', assessmentSchema);
}
