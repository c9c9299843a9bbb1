// `npm run db:indexes`: creates the indexes the models declare, for production (AUTO_INDEX off).
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { openDatabase } from './persistence/database.ts';

const config = loadConfig();
const log = createLogger(config.logLevel);
if (config.mongodbUri === undefined) {
  log.error('Set MONGODB_URI to the database to index (the embedded database indexes itself at start).');
  process.exit(2);
}
const database = await openDatabase(config.mongodbUri, config.databaseName, log);
try {
  await database.createIndexes();
  log.info('Indexes created');
} finally {
  await database.close();
}
