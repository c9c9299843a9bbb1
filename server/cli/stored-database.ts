import type { Config } from '../config.ts';
import { startEmbeddedFerretDb } from '../db/embedded-ferretdb.ts';
import type { Logger } from '../log.ts';
import { openDatabase, type Database } from '../persistence/database.ts';

/**
 * Runs a command's work against the database the server uses: MONGODB_URI, or the embedded
 * FerretDB over the files under DATA_DIR (stop the server first: one FerretDB at a time uses them).
 * Closes the database, and stops the embedded one, whatever happens.
 */
export async function withStoredDatabase<T>(config: Config, log: Logger, work: (database: Database) => Promise<T>): Promise<T> {
  const embedded = config.mongodbUri === undefined ? await startEmbeddedFerretDb({ dataDir: config.dataDir, log }) : null;
  try {
    const database = await openDatabase(config.mongodbUri ?? (embedded as NonNullable<typeof embedded>).uri, config.databaseName, log);
    try {
      return await work(database);
    } finally {
      await database.close().catch(() => undefined);
    }
  } finally {
    await embedded?.stop();
  }
}
