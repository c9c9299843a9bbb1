import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../log.ts';
import { apiTokenModel } from './models/api-token.ts';
import { assessmentModel } from './models/assessment.ts';
import { goodPracticeEntryModel } from './models/good-practice-entry.ts';
import { importClaimModel } from './models/import-claim.ts';
import { sessionModel } from './models/session.ts';
import { signInAttemptModel } from './models/sign-in-attempt.ts';
import { siteKeyModel } from './models/site-key.ts';
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
    users: userModel(connection),
    apiTokens: apiTokenModel(connection),
    assessments: assessmentModel(connection),
    goodPractice: goodPracticeEntryModel(connection),
    sessions: sessionModel(connection),
    signInAttempts: signInAttemptModel(connection),
    siteKeys: siteKeyModel(connection),
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
  return {
    connection,
    models,
    async createIndexes() {
      for (const model of Object.values(models)) await model.createIndexes();
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
