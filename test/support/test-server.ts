import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '../../assessments/access/roles.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';
import { startServer, type RunningServer } from '../../server/start-server.ts';

export interface TestServer {
  server: RunningServer;
  url: string;
  dataDir: string;
  adminToken: string;
  /** The first administrator's email and a password of their own (the one-time password printed at first start, changed), for signing in to the web pages. */
  admin: Account;
  /** Calls the API as the holder of a token; returns status, headers and parsed body. */
  call(token: string | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  /** Creates a user with a role (and system) and returns an API token for them. */
  tokenFor(role: Role, system?: string | null): Promise<string>;
  /** Creates a user with a role (and system) and a password of their own (a one-time password, changed), to sign in to the web pages with. */
  account(role: Role, system?: string | null): Promise<Account>;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface Account {
  userId: string;
  email: string;
  password: string;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
}

let userCount = 0;

/** Starts the real server on the real embedded FerretDB in a fresh data folder (or a given one). */
export async function startTestServer(env: Record<string, string> = {}, dataDir?: string): Promise<TestServer> {
  const folder = dataDir ?? (await mkdtemp(join(tmpdir(), 'ics-server-')));
  // Tests write far faster than people do: the per-user write rate is set low only where it is tested (write-limits.test.ts).
  const config = loadConfig({ ...(process.env.RULE_PACK_DIR === undefined ? {} : { RULE_PACK_DIR: process.env.RULE_PACK_DIR }), PORT: '0', DATA_DIR: folder, SEED_DEMO: 'false', LOG_LEVEL: 'silent', NODE_ENV: 'test', WRITE_BURST: '1000000', ...env });
  const server = await startServer(config, createLogger(config.logLevel));
  // Tests start from a settled server: the good practice index rebuilt (it is rebuilt after listening).
  await server.started;
  const call = async (token: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
  const adminToken = server.firstAdminToken ?? '';
  /** A one-time password must be changed at the first sign-in: tests that are not about that sign in with a password of the person's own. */
  const ownPassword = async (account: Account): Promise<Account> => {
    if (account.password === '') return account;
    const password = `own password ${randomBytes(9).toString('base64url')}`;
    await server.services.accounts.changePassword(account.userId, account.password, password);
    return { ...account, password };
  };
  const createUser = async (role: Role, system: string | null): Promise<{ id: string; email: string }> => {
    userCount += 1;
    const user = await call(adminToken, 'POST', '/api/v1/users', { email: `${role}-${userCount}@example.org`, name: `Test ${role} ${userCount}`, role, system });
    if (user.status !== 201) throw new Error(`Could not create a ${role}: ${JSON.stringify(user.body)}`);
    return user.body;
  };
  return {
    server,
    url: server.url,
    dataDir: folder,
    adminToken,
    admin: await ownPassword({ userId: (await server.services.identity.listUsers()).find((user) => user.role === 'admin')?.id ?? '', email: 'admin@example.org', password: server.firstAdminPassword ?? '' }),
    call,
    async tokenFor(role, system = null) {
      const user = await createUser(role, system);
      const token = await call(adminToken, 'POST', '/api/v1/tokens', { userId: user.id, name: 'test' });
      return token.body.secret as string;
    },
    async account(role, system = null) {
      const user = await createUser(role, system);
      return ownPassword({ userId: user.id, email: user.email, password: await server.services.accounts.issuePassword(user.id) });
    },
    async stop({ keepData = false } = {}) {
      await server.stop();
      if (!keepData) await rm(folder, { recursive: true, force: true });
    },
  };
}
