import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * A one-time password that has signed someone in once, so it cannot again: inserted under the
 * sha256 of its stored hash, so of two sign-ins racing with it only one inserts (a duplicate key
 * is atomic where FerretDB's conditional updates are not). Deleted when the person sets their own.
 */
const spentOneTimePasswordSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true, index: true },
    spentAt: { type: Date, required: true },
  },
  { collection: 'spent_one_time_passwords', versionKey: false, strict: 'throw' },
);

export type SpentOneTimePasswordDocument = InferSchemaType<typeof spentOneTimePasswordSchema>;

export function spentOneTimePasswordModel(connection: Connection) {
  return connection.model('SpentOneTimePassword', spentOneTimePasswordSchema);
}
