import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * A random key the server signs small things with (the sign-in form's CSRF token, the one-line
 * message shown after a redirect). It is made by whichever instance starts first, inserted under a
 * fixed `_id` so that every instance behind a load balancer reads the same key.
 */
const siteKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'site_keys', versionKey: false, strict: 'throw' },
);

export type SiteKeyDocument = InferSchemaType<typeof siteKeySchema>;

export function siteKeyModel(connection: Connection) {
  return connection.model('SiteKey', siteKeySchema);
}
