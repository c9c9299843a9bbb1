import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConflictError, ValidationError, issuesOf } from '../../assessments/errors.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { AccountService } from '../services/account-service.ts';
import { systemClock } from '../services/clock.ts';
import { IdentityService } from '../services/identity-service.ts';
import { SessionService } from '../services/session-service.ts';
import { SignInThrottle } from '../services/sign-in-throttle.ts';
import type { Streams } from './main.ts';
import { withStoredDatabase } from './stored-database.ts';

const administrator = z.object({ email: z.email('Give an email address, like name@example.org').max(200), name: z.string().trim().min(1, 'Give the person’s name').max(200) });

/**
 * `create-admin --email <address> --name <name>`: adds an administrator to the database the server
 * uses (MONGODB_URI, or the embedded FerretDB under DATA_DIR) and prints their one-time password,
 * once. For a first administrator on a database the server did not seed, or when every
 * administrator is locked out. Exit codes: 0, 1 invalid input or email taken, 2 usage.
 */
export async function createAdminCommand(args: readonly string[], streams: Streams): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { email: { type: 'string' }, name: { type: 'string' } } });
  if (positionals.length > 0 || values.email === undefined || values.name === undefined) throw new RangeError('create-admin needs --email <address> and --name <name>, and nothing else.');
  const parsed = administrator.safeParse(values);
  if (!parsed.success) throw new ValidationError('The administrator is not valid', issuesOf(parsed.error));
  const config = loadConfig();
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  return withStoredDatabase(config, log, async ({ models, createIndexes }) => {
    // The unique index on email must exist before the first user is written.
    if (config.autoIndex) await createIndexes();
    const identity = new IdentityService(models, systemClock);
    const sessions = new SessionService(models, systemClock, config.sessions);
    const accounts = new AccountService(models, identity, sessions, new SignInThrottle(models, systemClock, config.signIn), systemClock);
    try {
      const { user, password } = await accounts.createUser({ email: parsed.data.email, name: parsed.data.name, role: 'admin', system: null }, 'command line');
      streams.stdout.write(`Created the administrator ${user.email}. Their password for the web pages is shown once; keep it safe:\n\n  ${password}\n\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      streams.stderr.write(`${error.message}\n`);
      return 1;
    }
  });
}
