import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../log.ts';
import { recordIndexes } from './assessment-records.ts';
import { perAssessmentLayout, sharedLayout, sharedRecordsCollection, type StorageLayout } from './storage-layout.ts';
import { apiTokenModel } from './models/api-token.ts';
import { assessmentModel } from './models/assessment.ts';
import { formSubmissionModel } from './models/form-submission.ts';
import { goodPracticeEntryModel } from './models/good-practice-entry.ts';
import { importClaimModel } from './models/import-claim.ts';
import { sessionModel } from './models/session.ts';
import { successionModel } from './models/succession.ts';
import { signInAttemptModel } from './models/sign-in-attempt.ts';
import { siteKeyModel } from './models/site-key.ts';
import { spentOneTimePasswordModel } from './models/spent-one-time-password.ts';
import { systemChangeModel } from './models/system-change.ts';
import { systemModel } from './models/system.ts';
import { userModel } from './models/user.ts';

// Query operators in user input ({"$gt": ""}) are refused, and unknown query fields are errors.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', 'throw');

export type Models = ReturnType<typeof bindModels>;

export interface Database {
  connection: Connection;
  models: Models;
  /** How assessments' records and states are laid out here: shared on MongoDB, per assessment on FerretDB (storage-layout.ts). */
  layout: StorageLayout;
  /** Creates the indexes the models declare (at start in development; by `npm run db:indexes` in production). */
  createIndexes(): Promise<void>;
  /** "connected" when the database answers a ping, else what went wrong. */
  ping(): Promise<string>;
  close(): Promise<void>;
}

function bindModels(connection: Connection) {
  return {
    systems: systemModel(connection),
    systemChanges: systemChangeModel(connection),
    successions: successionModel(connection),
    users: userModel(connection),
    apiTokens: apiTokenModel(connection),
    assessments: assessmentModel(connection),
    goodPractice: goodPracticeEntryModel(connection),
    sessions: sessionModel(connection),
    signInAttempts: signInAttemptModel(connection),
    formSubmissions: formSubmissionModel(connection),
    siteKeys: siteKeyModel(connection),
    spentOneTimePasswords: spentOneTimePasswordModel(connection),
    importClaims: importClaimModel(connection),
  };
}

/**
 * Connects to MongoDB (or FerretDB). Commands are not buffered while the database is away: they
 * fail at once and the HTTP layer answers 503; the driver reconnects by itself when it returns.
 */
export async function openDatabase(uri: string, dbName: string, log: Logger): Promise<Database> {
  const connection = mongoose.createConnection(uri, {
    dbName,
    bufferCommands: false,
    autoIndex: false,
    autoCreate: true,
    serverSelectionTimeoutMS: 3000,
    socketTimeoutMS: 10000,
    heartbeatFrequencyMS: 1000,
    maxPoolSize: 20,
  });
  connection.on('disconnected', () => log.warn('Database disconnected'));
  connection.on('reconnected', () => log.info('Database reconnected'));
  await connection.asPromise();
  log.info('Database connected', { database: connection.name });
  const models = bindModels(connection);
  const ferretDb = await isFerretDb(connection);
  return {
    connection,
    models,
    layout: ferretDb ? perAssessmentLayout : sharedLayout,
    async createIndexes() {
      for (const model of Object.values(models)) await model.createIndexes();
      if (!ferretDb) for (const index of recordIndexes) await connection.collection(sharedRecordsCollection).createIndex({ ...index.key }, { name: index.name, unique: index.unique });
    },
    async ping() {
      try {
        await connection.db?.admin().ping({ maxTimeMS: 2000 });
        return 'connected';
      } catch (error) {
        return `unreachable (${error instanceof Error ? error.name : 'error'})`;
      }
    },
    close: () => connection.close(),
  };
}

/** FerretDB says so in its build information. */
async function isFerretDb(connection: Connection): Promise<boolean> {
  const info = await connection.db?.admin().command({ buildInfo: 1 });
  return info !== undefined && ('ferretdb' in info || 'ferretdbVersion' in info || JSON.stringify(info).toLowerCase().includes('ferretdb'));
}
