import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * An attempt to sign in for one key (`email:<address>` or `address:<ip>`), inserted as a failure
 * before its password is checked and deleted again if it succeeds or is told to wait; never
 * updated (FerretDB's $inc and conditional updates are not atomic). Failures within the window
 * are counted, and the sweep deletes those no longer counted (server/services/sign-in-throttle.ts).
 */
const signInAttemptSchema = new Schema(
  {
    key: { type: String, required: true },
    kind: { type: String, enum: ['failure'], required: true },
    at: { type: Date, required: true },
    /** When it stops counting. */
    until: { type: Date, required: true, index: true },
  },
  { collection: 'sign_in_attempts', versionKey: false, strict: 'throw' },
);
signInAttemptSchema.index({ key: 1, kind: 1, at: -1 });

export type SignInAttemptDocument = InferSchemaType<typeof signInAttemptSchema>;

export function signInAttemptModel(connection: Connection) {
  return connection.model('SignInAttempt', signInAttemptSchema);
}
