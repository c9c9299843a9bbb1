import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log.ts';
import { startEmbeddedFerretDb, type EmbeddedFerretDb, type EmbeddedFerretDbOptions } from './embedded-ferretdb.ts';

export interface SupervisedFerretDb extends EmbeddedFerretDb {
  /** How many times it has been started again after exiting on its own. */
  readonly restarts: number;
  /** Settles once the database answers a real `hello` again (at once when no restart is under way). */
  ready(): Promise<void>;
}

/** The longest wait between attempts: a database that keeps dying is tried again at least this often, and never given up on. */
const longestWaitMs = 2000;

/**
 * The embedded FerretDB, started again on the same port whenever it exits without being asked to
 * (killed, crashed): at once the first time, then waiting longer between attempts while it keeps
 * failing to start or dying within 10 s of starting (250 ms doubling to 2 s, so a loaded machine
 * does not push the next attempt far away), and never giving up. A start counts only once the
 * database answers a real `hello` (embedded-ferretdb.ts). The app's database driver reconnects to
 * the same address by itself, so service resumes without restarting the app; meanwhile requests
 * get 503. `stop()` ends it for good.
 */
export async function superviseEmbeddedFerretDb(options: EmbeddedFerretDbOptions & { log: Logger }): Promise<SupervisedFerretDb> {
  const { log } = options;
  let current = await startEmbeddedFerretDb(options);
  const { port, uri } = current;
  let stopping = false;
  let restarts = 0;
  let restarting: Promise<void> = Promise.resolve();
  let ended: (code: number | null) => void = () => undefined;
  const exited = new Promise<number | null>((resolve) => (ended = resolve));

  let startedAt = Date.now();
  let crashDelay = 0;
  let quickDeaths = 0;
  const restart = async (code: number | null) => {
    // One that dies soon after starting is in a crash loop: wait longer each time rather than spin.
    const quickly = Date.now() - startedAt < 10_000;
    crashDelay = quickly && quickDeaths > 0 ? Math.min(Math.max(crashDelay * 2, 250), longestWaitMs) : 0;
    quickDeaths = quickly ? quickDeaths + 1 : 0;
    if (crashDelay > 0) await sleep(crashDelay);
    for (let delay = 250; !stopping; delay = Math.min(delay * 2, longestWaitMs)) {
      try {
        current = await startEmbeddedFerretDb({ ...options, port });
        startedAt = Date.now();
        restarts += 1;
        log.warn('The embedded FerretDB was started again', { port, restarts });
        watch(current);
        return;
      } catch (error) {
        log.error('The embedded FerretDB could not be started again; retrying', { port, retryInMs: delay, error: error instanceof Error ? error.message : String(error) });
        await sleep(delay);
      }
    }
    ended(code);
  };
  const watch = (database: EmbeddedFerretDb) => {
    void database.exited.then((code) => {
      if (stopping) return ended(code);
      restarting = restart(code);
    });
  };
  watch(current);

  return {
    uri,
    port,
    get pid() {
      return current.pid;
    },
    get restarts() {
      return restarts;
    },
    ready: () => restarting,
    exited,
    async stop() {
      stopping = true;
      await restarting;
      await current.stop();
      await exited;
    },
  };
}
