import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { systemClock } from '../services/clock.ts';
import { updateReferenceData } from '../services/reference-data.ts';
import { SystemService } from '../services/system-service.ts';
import type { Streams } from './main.ts';
import { withStoredDatabase } from './stored-database.ts';

/**
 * `update-reference`: brings the stored database's systems in line with reference/ (both maps,
 * in-force dates, successions). Safe to run twice: the second run changes nothing. Assessments are
 * not read or written. Exit codes: 0, 2 usage.
 */
export async function updateReferenceCommand(args: readonly string[], streams: Streams): Promise<number> {
  const { positionals } = parseArgs({ args: [...args], allowPositionals: true, options: {} });
  if (positionals.length > 0) throw new RangeError('update-reference takes no arguments.');
  const config = loadConfig();
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  return withStoredDatabase(config, log, async ({ models, createIndexes }) => {
    // The unique indexes on system changes and successions make the update safe to repeat.
    if (config.autoIndex) await createIndexes();
    const result = await updateReferenceData(new SystemService(models, systemClock));
    streams.stdout.write(`Reference data: ${result.created} systems added, ${result.updated} updated, ${result.successions} successions recorded.\n`);
    return 0;
  });
}
