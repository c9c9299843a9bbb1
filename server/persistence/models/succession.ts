import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { successionTypes } from '../../../assessments/systems/succession.ts';

/**
 * One succession event: on `date` the predecessor's area passed to the successor (merger, split or
 * acquisition). A split predecessor has one document per successor. The unique index makes
 * recording the same event twice (a second reference-data update) insert nothing.
 */
const successionSchema = new Schema(
  {
    predecessor: { type: String, required: true, index: true },
    successor: { type: String, required: true, index: true },
    date: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    type: { type: String, enum: successionTypes, required: true },
    note: { type: String, default: null },
    at: { type: Date, required: true },
    by: { type: String, required: true },
  },
  { collection: 'successions', versionKey: false, strict: 'throw' },
);
successionSchema.index({ predecessor: 1, successor: 1, date: 1 }, { unique: true });

export type SuccessionDocument = InferSchemaType<typeof successionSchema>;

export function successionModel(connection: Connection) {
  return connection.model('Succession', successionSchema);
}
