import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * One POST of one rendered form by one session (`_id`: the session id, the form's random token and
 * the path), claimed before the form is handled and given its outcome (the redirect and message)
 * after, so a repeat of the same POST (a double click) gets the same outcome instead of applying
 * twice. Deleted by the sweep when `expiresAt` passes (FerretDB has no TTL indexes).
 */
const formSubmissionSchema = new Schema(
  {
    _id: { type: String, required: true },
    outcome: { type: new Schema({ redirect: { type: String, required: true }, flash: { type: String, default: null } }, { _id: false, strict: 'throw' }), default: null },
    expiresAt: { type: Date, required: true, index: true },
  },
  { collection: 'form_submissions', versionKey: false, strict: 'throw' },
);

export type FormSubmissionDocument = InferSchemaType<typeof formSubmissionSchema>;

export function formSubmissionModel(connection: Connection) {
  return connection.model('FormSubmission', formSubmissionSchema);
}
