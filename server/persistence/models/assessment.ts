import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { statuses } from '../../../assessments/workflow/status.ts';

const actor = new Schema({ userId: { type: String, required: true }, name: { type: String, required: true } }, { _id: false });

/**
 * One assessment of one system for one period under one rule pack, pinned at creation (id,
 * version and hash). Its status moves draft → submitted → in review → moderated → published; each
 * move is a status record (assessment-record.ts), copied here for listing.
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
