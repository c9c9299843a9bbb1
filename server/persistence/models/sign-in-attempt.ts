import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * A failed sign-in, or a lock-out it caused, for one key (`email:<address>` or `address:<ip>`).
 * Each is inserted and never updated (FerretDB's $inc and conditional updates are not atomic);
 * failures are counted and lock-outs read back, and the sweep deletes those no longer needed.
 */
const signInAttemptSchema = new Schema(
  {
    key: { type: String, required: true },
    kind: { type: String, enum: ['failure', 'lockout'], required: true },
    at: { type: Date, required: true },
    /** For a lock-out: when it ends. For a failure: when it stops counting. */
    until: { type: Date, required: true, index: true },
  },
  { collection: 'sign_in_attempts', versionKey: false, strict: 'throw' },
);
signInAttemptSchema.index({ key: 1, kind: 1, at: -1 });

export type SignInAttemptDocument = InferSchemaType<typeof signInAttemptSchema>;

export function signInAttemptModel(connection: Connection) {
  return connection.model('SignInAttempt', signInAttemptSchema);
}
