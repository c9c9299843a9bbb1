import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * An import in progress holds its assessment's id here, inserted before it writes anything: a
 * second import of the same id is refused at this insert (duplicate key) and so never touches the
 * first one's records. Removed when the import ends; a claim left by an import that died is taken
 * over once it is older than the time an import may take (`server/services/transfer-service.ts`).
 */
const importClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    claimedAt: { type: Date, required: true },
    claimedBy: { type: String, required: true },
  },
  { collection: 'import_claims', versionKey: false, strict: 'throw' },
);

export type ImportClaimDocument = InferSchemaType<typeof importClaimSchema>;

export function importClaimModel(connection: Connection) {
  return connection.model('ImportClaim', importClaimSchema);
}
