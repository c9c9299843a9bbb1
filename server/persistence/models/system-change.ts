import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * One change to a system (created, renamed, retired, merged, ended by a succession, updated from reference data), kept forever with who, when and
 * what it was before and after. Version n + 1 of a system is inserted under a unique index, so of
 * two administrators changing the same version only one succeeds (see assessment-record.ts).
 */
const systemChangeSchema = new Schema(
  {
    odsCode: { type: String, required: true },
    version: { type: Number, required: true, min: 1 },
    action: { type: String, enum: ['created', 'renamed', 'retired', 'merged', 'ended', 'updated'], required: true },
    before: { type: Schema.Types.Mixed, default: null },
    after: { type: Schema.Types.Mixed, required: true },
    note: { type: String, default: null },
    at: { type: Date, required: true },
    by: { type: String, required: true },
  },
  { collection: 'system_changes', versionKey: false, strict: 'throw', minimize: false },
);
systemChangeSchema.index({ odsCode: 1, version: 1 }, { unique: true });

export type SystemChangeDocument = InferSchemaType<typeof systemChangeSchema>;

export function systemChangeModel(connection: Connection) {
  return connection.model('SystemChange', systemChangeSchema);
}
