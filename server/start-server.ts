import type { Server } from 'node:http';
import { loadRulePack } from '../assessments/rule-pack/load-pack.ts';
import type { Config } from './config.ts';
import { superviseEmbeddedFerretDb, type SupervisedFerretDb } from './db/supervised-ferretdb.ts';
import { createApp } from './http/app.ts';
import { apiRouteTable } from './http/route-table.ts';
import type { Logger } from './log.ts';
import { AssessmentRecords } from './persistence/assessment-records.ts';
import { openDatabase, type Database } from './persistence/database.ts';
import { BrowserPool } from './reports/browser-pool.ts';
import { loadHtmlRenderer } from './reports/html-renderer.ts';
import { ReportService } from './reports/report-service.ts';
import { seedFirstStart } from './seed/seed-first-start.ts';
import { GoodPracticeIndex } from './services/good-practice-index.ts';
import { AccountService } from './services/account-service.ts';
import { AssessmentService } from './services/assessment-service.ts';
import { systemClock } from './services/clock.ts';
import { CalibrationService } from './services/calibration-service.ts';
import { CriterionService } from './services/criterion-service.ts';
import { IdentityService } from './services/identity-service.ts';
import { ImprovementService } from './services/improvement-service.ts';
import { PackRegistry } from './services/pack-registry.ts';
import { SessionService } from './services/session-service.ts';
import { SignInThrottle } from './services/sign-in-throttle.ts';
import { loadSiteKey } from './services/site-key.ts';
import { startSweeper } from './services/sweeper.ts';
import type { Services } from './services/services.ts';
import { SystemService } from './services/system-service.ts';
import { TransferService } from './services/transfer-service.ts';
import { pageTable } from './web/page-table.ts';

export interface RunningServer {
  url: string;
  services: Services;
  database: Database;
  /** The embedded database, when one was started (no MONGODB_URI). */
  embedded: SupervisedFerretDb | null;
  /** The first administrator's API token, when this start created it (it is also printed, once). */
  firstAdminToken: string | null;
  /** The first administrator's one-time password for the web pages, when this start created it (printed with the token). */
  firstAdminPassword: string | null;
  stop(): Promise<void>;
}

const productVersion = '0.1.0';

/**
 * The composition root: configuration → rule pack → database (MongoDB from MONGODB_URI, or the
 * embedded FerretDB) → services → HTTP. The app keeps no state of its own, so instances can run
 * side by side against one MongoDB behind a load balancer.
 */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const pack = await loadRulePack(config.rulePackDir);
  log.info('Rule pack loaded', { id: pack.id, version: pack.version, hash: pack.hash });

  // The embedded database is restarted by itself if it dies (service resumes without restarting the app).
  const embedded = config.mongodbUri === undefined ? await superviseEmbeddedFerretDb({ dataDir: config.dataDir, log }) : null;
  if (embedded !== null) log.info('Embedded FerretDB started', { uri: embedded.uri, dataDir: config.dataDir });
  const uri = config.mongodbUri ?? embedded!.uri;

  let database: Database;
  try {
    database = await openDatabase(uri, config.databaseName, log);
    if (config.autoIndex) await database.createIndexes();
  } catch (error) {
    await embedded?.stop();
    throw error;
  }

  const clock = systemClock;
  const packs = new PackRegistry(pack);
  const records = new AssessmentRecords(database.connection);
  const assessments = new AssessmentService(database.models, records, packs, clock);
  const goodPractice = new GoodPracticeIndex(database.models, assessments, packs, clock, log);
  const criteria = new CriterionService(assessments, records, packs, clock, goodPractice);
  const improvement = new ImprovementService(assessments, criteria, records, packs, clock, goodPractice);
  // Report templates compile now; Chromium starts with the first report.
  const reportPool = new BrowserPool({ executablePath: config.reports.chromiumPath, size: config.reports.poolSize, maxQueue: config.reports.queueMax, taskTimeoutMs: config.reports.timeoutMs, log });
  const identity = new IdentityService(database.models, clock);
  const sessions = new SessionService(database.models, clock, config.sessions);
  const throttle = new SignInThrottle(database.models, clock, config.signIn);
  const services: Services = {
    systems: new SystemService(database.models, clock),
    identity,
    accounts: new AccountService(database.models, identity, sessions, throttle, clock),
    sessions,
    assessments,
    criteria,
    transfer: new TransferService(database.models, assessments, records, packs, goodPractice, clock),
    calibration: new CalibrationService(assessments, criteria, packs),
    improvement,
    packs,
    reports: new ReportService({ assessments, criteria, improvement, packs, clock, html: loadHtmlRenderer(), pool: reportPool, protectiveMarking: config.protectiveMarking }),
  };
  const firstAdmin = await seedFirstStart(services, database.models, config, log);
  // Derived data: a failure here is logged, and each entry is made again at its assessment's next write.
  await goodPractice.rebuild().then(
    (assessments) => log.info('Good practice index rebuilt', { assessments }),
    (error: unknown) => log.error('Good practice index not rebuilt', { error: error instanceof Error ? error.message : String(error) }),
  );
  const signingKey = await loadSiteKey(database.models, clock);
  const sweeper = startSweeper({ 'expired sessions': () => sessions.sweep(), 'sign-in attempts': () => throttle.sweep() }, config.sessions.sweepIntervalMs, log);

  const routes = apiRouteTable(productVersion, () => database.ping());
  const web = { pages: pageTable, signingKey, cookieSecure: config.sessions.cookieSecure, protectiveMarking: config.protectiveMarking };
  const app = createApp({ services, routes, bodyLimitBytes: config.bodyLimitBytes, log, databaseReady: () => database.connection.readyState === 1, web });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, () => resolve(listening));
    listening.once('error', reject);
  });
  const address = server.address();
  const url = `http://${config.host}:${typeof address === 'object' && address !== null ? address.port : config.port}`;
  log.info(`Listening on ${url}`);

  let stopping: Promise<void> | undefined;
  return {
    url,
    services,
    database,
    embedded,
    firstAdminToken: firstAdmin?.token ?? null,
    firstAdminPassword: firstAdmin?.password ?? null,
    stop: () =>
      (stopping ??= (async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await sweeper.stop();
        await reportPool.close();
        await database.close().catch(() => undefined);
        await embedded?.stop();
        log.info('Stopped');
      })()),
  };
}
