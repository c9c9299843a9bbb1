import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * An integrated care system, known by its ICB's ODS code. Systems are renamed, merged and retired
 * over time and are in force between two dates; assessments stay attached to the code they were
 * made under, the change log (system_changes) says what the system was called when, and the
 * successions (successions) which systems became which.
 */
const systemSchema = new Schema(
  {
    odsCode: { type: String, required: true, unique: true },
    onsCode: { type: String, required: true },
    name: { type: String, required: true },
    shortName: { type: String, required: true },
    region: { type: String, required: true, index: true },
    status: { type: String, enum: ['active', 'retired'], required: true, default: 'active', index: true },
    mergedInto: { type: String, default: null },
    /** The first day it was in force, and the day it ceased (exclusive; null while it goes on): ISO days, e.g. 2026-04-01. */
    inForceFrom: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    inForceUntil: { type: String, default: null, match: /^\d{4}-\d{2}-\d{2}$/ },
    /** The version of the latest change in system_changes: the record follows its change log. */
    version: { type: Number, required: true, default: 1 },
  },
  { collection: 'systems', versionKey: false, strict: 'throw' },
);

export type SystemDocument = InferSchemaType<typeof systemSchema>;

export function systemModel(connection: Connection) {
  return connection.model('System', systemSchema);
}
