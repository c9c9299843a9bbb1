// `npm start`: reads the environment, starts the server and stops it cleanly on SIGINT or SIGTERM.
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { startServer } from './start-server.ts';

const config = loadConfig();
const log = createLogger(config.logLevel);
try {
  const server = await startServer(config, log);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info(`${signal} received: stopping`);
      server.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          log.error('Could not stop cleanly', { error: String(error) });
          process.exit(1);
        },
      );
    });
  }
} catch (error) {
  log.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
