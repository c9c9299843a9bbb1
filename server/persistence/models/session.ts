import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * A signed-in session of the web pages. Its `_id` is the sha256 of the cookie's random value, so
 * the cookie itself is never stored. It ends at `expiresAt` (idle or absolute timeout, whichever is
 * first); FerretDB has no TTL indexes, so a periodic sweep deletes expired sessions.
 */
const sessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true, index: true },
    csrfToken: { type: String, required: true },
    createdAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true, index: true },
  },
  { collection: 'sessions', versionKey: false, strict: 'throw' },
);

export type SessionDocument = InferSchemaType<typeof sessionSchema>;

export function sessionModel(connection: Connection) {
  return connection.model('Session', sessionSchema);
}
