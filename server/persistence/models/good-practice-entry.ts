import { Schema, type Connection } from 'mongoose';

const strength = new Schema({ criterion: { type: String, required: true }, narrative: { type: String, default: null } }, { _id: false });

/**
 * What one assessment offers other systems as good practice (¶3.123): whether the system agreed to
 * share, and the criteria it finally scores 4 on, each with a summary of its narrative. Derived from
 * the assessment's records (which stay the truth) by the good-practice index, under the
 * assessment's id, so that good practice is one query on a period rather than every assessment in
 * it read and scored again.
 */
const goodPracticeEntrySchema = new Schema(
  {
    _id: { type: String, required: true },
    period: { type: String, required: true },
    system: { type: String, required: true },
    systemName: { type: String, required: true },
    shares: { type: Boolean, required: true },
    strengths: { type: [strength], required: true },
    refreshedAt: { type: Date, required: true },
    /** The assessment's record sequence the entry was made from: an entry behind its assessment is made again before use. */
    seq: { type: Number },
  },
  { collection: 'good_practice', versionKey: false, strict: 'throw' },
);
goodPracticeEntrySchema.index({ period: 1, shares: 1 });

export function goodPracticeEntryModel(connection: Connection) {
  return connection.model('GoodPracticeEntry', goodPracticeEntrySchema);
}
