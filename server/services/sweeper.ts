import type { Logger } from '../log.ts';

export interface Sweeper {
  /** Stops the timer and waits for a sweep under way to finish. */
  stop(): Promise<void>;
}

/**
 * Runs clean-up tasks (expired sessions, sign-in attempts that no longer count) every interval,
 * since FerretDB has no TTL indexes. The timer does not keep the process alive; a failed sweep is
 * logged and tried again at the next interval.
 */
export function startSweeper(tasks: Record<string, () => Promise<number>>, intervalMs: number, log: Logger): Sweeper {
  let running: Promise<void> | null = null;
  const sweep = async () => {
    for (const [name, task] of Object.entries(tasks)) {
      try {
        const deleted = await task();
        if (deleted > 0) log.debug(`Swept ${deleted} ${name}`);
      } catch (error) {
        log.warn(`Could not sweep ${name}`, { error: error instanceof Error ? error.message : String(error) });
      }
    }
  };
  const timer = setInterval(() => {
    running ??= sweep().finally(() => {
      running = null;
    });
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
