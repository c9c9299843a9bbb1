import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * An API token. Only the sha256 of the secret is stored, as the token's `_id` (so that looking a
 * token up is a primary-key read, the one lookup FerretDB's SQLite backend pushes down); the secret
 * is shown once, when the token is made. The prefix (the first characters of the secret) lets
 * people tell tokens apart.
 */
const apiTokenSchema = new Schema(
  {
    _id: { type: String, required: true },
    prefix: { type: String, required: true },
    name: { type: String, required: true },
    userId: { type: String, required: true, index: true },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'api_tokens', versionKey: false, strict: 'throw' },
);

export type ApiTokenDocument = InferSchemaType<typeof apiTokenSchema>;

export function apiTokenModel(connection: Connection) {
  return connection.model('ApiToken', apiTokenSchema);
}
