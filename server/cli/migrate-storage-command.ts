import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { AssessmentRecords } from '../persistence/assessment-records.ts';
import { migrateStorage } from '../persistence/migrate-storage.ts';
import type { Streams } from './main.ts';
import { withStoredDatabase } from './stored-database.ts';

/**
 * `migrate-storage`: moves a database written by the first storage layout (a collection of records
 * per assessment) to the current one, printing progress; safe to run again. The server also runs
 * it at start when it finds the old layout.
 */
export async function migrateStorageCommand(args: readonly string[], streams: Streams): Promise<number> {
  if (args.length > 0) throw new RangeError('migrate-storage takes no options: it uses MONGODB_URI, or the embedded database under DATA_DIR.');
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  return withStoredDatabase(config, log, async (database) => {
    await database.createIndexes();
    const { assessments, records } = await migrateStorage(database.connection, new AssessmentRecords(database.connection, database.layout), log);
    streams.stdout.write(assessments === 0 ? 'Nothing to move: the database already uses the current layout.\n' : `Moved ${records} records of ${assessments} assessments to the current layout.\n`);
    return 0;
  });
}
