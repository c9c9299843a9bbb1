import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { roles } from '../../../assessments/access/roles.ts';

/** A person who uses the product, with one role; a system user belongs to one system. */
const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    role: { type: String, enum: roles, required: true },
    system: { type: String, default: null },
    passwordHash: { type: String, default: null },
    /** True while the password is a one-time password an administrator gave: the person must set their own after signing in with it. */
    passwordIsOneTime: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    disabledAt: { type: Date, default: null },
  },
  { collection: 'users', versionKey: false, strict: 'throw' },
);

export type UserDocument = InferSchemaType<typeof userSchema>;

export function userModel(connection: Connection) {
  return connection.model('User', userSchema);
}
