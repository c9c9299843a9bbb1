import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * An integrated care system, known by its ICB's ODS code. Systems are renamed, merged and retired
 * over time; assessments stay attached to the code they were made under, and the change log
 * (system_changes) says what the system was called when.
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
    /** The version of the latest change in system_changes: the record follows its change log. */
    version: { type: Number, required: true, default: 1 },
  },
  { collection: 'systems', versionKey: false, strict: 'throw' },
);

export type SystemDocument = InferSchemaType<typeof systemSchema>;

export function systemModel(connection: Connection) {
  return connection.model('System', systemSchema);
}
