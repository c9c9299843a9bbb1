import { resolve } from 'node:path';
import { z } from 'zod';
import { packVersionsDirectory } from '../assessments/rule-pack/default-pack.ts';

const byteSize = z
  .string()
  .regex(/^\d+(kb|mb)?$/i, 'Write a size such as 1mb, 512kb or 1048576')
  .transform((text) => {
    const number = Number.parseInt(text, 10);
    return /mb$/i.test(text) ? number * 1024 * 1024 : /kb$/i.test(text) ? number * 1024 : number;
  });

const flag = z.enum(['true', 'false']).transform((text) => text === 'true');

/** The environment the server reads, validated at start: a bad value stops it with a clear message. */
const environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'MONGODB_URI must start with mongodb:// or mongodb+srv://').optional(),
  MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, 'MONGODB_DB must be a plain database name').default('ics_maturity'),
  DATA_DIR: z.string().default('data'),
  RULE_PACK_DIR: z.string().default(packVersionsDirectory),
  BODY_LIMIT: byteSize.default(1024 * 1024),
  SEED_DEMO: flag.default(true),
  AUTO_INDEX: flag.optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PROTECTIVE_MARKING: z.string().min(1).max(60).default('OFFICIAL'),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  REPORT_POOL_SIZE: z.coerce.number().int().min(1).max(16).default(2),
  REPORT_QUEUE_MAX: z.coerce.number().int().min(0).max(1000).default(16),
  REPORT_PER_USER: z.coerce.number().int().min(1).max(100).default(2),
  REPORT_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  COOKIE_SECURE: flag.default(true),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(12),
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(50),
  SIGN_IN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  WRITE_BURST: z.coerce.number().int().min(1).max(1_000_000).default(30),
  WRITE_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
  SIGN_IN_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Express's 'trust proxy': off by default; behind a TLS proxy its hop count, addresses or subnets (e.g. `1`, `loopback`, `10.0.0.0/8`). */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2}|[0-9A-Za-z.:/_, -]{1,500})$/, 'TRUST_PROXY must be true, false, a number of proxies, or addresses and subnets separated by commas')
    .transform((text): boolean | number | string => (text === 'true' ? true : text === 'false' ? false : /^\d+$/.test(text) ? Number(text) : text))
    .default(false),
});

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`The configuration is invalid:\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  return {
    port: values.PORT,
    host: values.HOST,
    mongodbUri: values.MONGODB_URI,
    databaseName: values.MONGODB_DB,
    dataDir: resolve(values.DATA_DIR),
    rulePackDir: resolve(values.RULE_PACK_DIR),
    bodyLimitBytes: values.BODY_LIMIT,
    seedDemo: values.SEED_DEMO,
    /** Indexes are built at start in development and tests; in production by `npm run db:indexes`. */
    autoIndex: values.AUTO_INDEX ?? values.NODE_ENV !== 'production',
    production: values.NODE_ENV === 'production',
    protectiveMarking: values.PROTECTIVE_MARKING,
    /** PDF reports: Chromium, how many pages render at once, how many requests may wait, how many one user may have in flight, and each render's time limit. */
    reports: { chromiumPath: values.CHROMIUM_PATH, poolSize: values.REPORT_POOL_SIZE, queueMax: values.REPORT_QUEUE_MAX, perUser: values.REPORT_PER_USER, timeoutMs: values.REPORT_TIMEOUT_MS },
    logLevel: values.LOG_LEVEL,
    /** Web pages: the session cookie's Secure flag, sessions' idle and absolute lifetimes, and how often expired sessions and sign-in failures are deleted. */
    sessions: { cookieSecure: values.COOKIE_SECURE, idleMs: values.SESSION_IDLE_MINUTES * 60_000, absoluteMs: values.SESSION_ABSOLUTE_HOURS * 3_600_000, sweepIntervalMs: values.SWEEP_INTERVAL_SECONDS * 1000 },
    /** Writes per user (a token bucket per user id, in memory per instance): this many at once, refilled at this many per minute; 429 beyond. */
    writeRate: { burst: values.WRITE_BURST, perMinute: values.WRITE_RATE_PER_MINUTE },
    /** Sign-in throttling: after this many failures for one email (or from one address) within the window, each further attempt waits 1 s, 2 s, 4 s… up to the maximum delay. */
    signIn: { maxFailuresPerEmail: values.SIGN_IN_MAX_FAILURES, maxFailuresPerAddress: values.SIGN_IN_MAX_FAILURES_PER_ADDRESS, windowMs: values.SIGN_IN_WINDOW_MINUTES * 60_000, maxDelayMs: values.SIGN_IN_MAX_DELAY_SECONDS * 1000 },
    /** Express's 'trust proxy', so that a client's own address (X-Forwarded-For) is throttled behind a proxy; false by default. */
    trustProxy: values.TRUST_PROXY,
  };
}
