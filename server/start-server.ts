import type { Server } from 'node:http';
import { loadPackVersions } from '../assessments/rule-pack/load-pack-versions.ts';
import type { Config } from './config.ts';
import { superviseEmbeddedFerretDb, type SupervisedFerretDb } from './db/supervised-ferretdb.ts';
import { createApp } from './http/app.ts';
import { apiRouteTable } from './http/route-table.ts';
import type { Logger } from './log.ts';
import { AssessmentRecords } from './persistence/assessment-records.ts';
import { migrateStorage } from './persistence/migrate-storage.ts';
import { AssessmentSummaries } from './services/assessment-summaries.ts';
import { openDatabase, type Database } from './persistence/database.ts';
import { BrowserPool } from './reports/browser-pool.ts';
import { loadHtmlRenderer } from './reports/html-renderer.ts';
import { ReportService } from './reports/report-service.ts';
import { seedFirstStart } from './seed/seed-first-start.ts';
import { GoodPracticeIndex } from './services/good-practice-index.ts';
import { AccountService } from './services/account-service.ts';
import { AssessmentService } from './services/assessment-service.ts';
import { BlindReviewService } from './services/blind-review-service.ts';
import { systemClock } from './services/clock.ts';
import { CalibrationService } from './services/calibration-service.ts';
import { CriterionService } from './services/criterion-service.ts';
import { IdentityService } from './services/identity-service.ts';
import { ImprovementService } from './services/improvement-service.ts';
import { PackMoveService } from './services/pack-move-service.ts';
import { PackRegistry } from './services/pack-registry.ts';
import { SessionService } from './services/session-service.ts';
import { SignInThrottle } from './services/sign-in-throttle.ts';
import { loadSiteKey } from './services/site-key.ts';
import { FormSubmissions } from './services/form-submissions.ts';
import { startSweeper } from './services/sweeper.ts';
import type { Services } from './services/services.ts';
import { SystemService } from './services/system-service.ts';
import { TransferService } from './services/transfer-service.ts';
import { WriteRate } from './services/write-rate.ts';
import { WorkbookService } from './services/workbook-service.ts';
import { packChangelog, TrendService } from './services/trend-service.ts';
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
  /** Settles when the work done after listening (the good practice index's rebuild) has ended. */
  started: Promise<void>;
  stop(): Promise<void>;
}

const productVersion = '0.1.0';

/**
 * The composition root: configuration → rule pack → database (MongoDB from MONGODB_URI, or the
 * embedded FerretDB) → services → HTTP. The app keeps no state of its own, so instances can run
 * side by side against one MongoDB behind a load balancer.
 */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const packs = PackRegistry.ofVersions(await loadPackVersions(config.rulePackDir));
  for (const pack of packs.list()) log.info('Rule pack loaded', { id: pack.id, version: pack.version, hash: pack.hash, current: pack === packs.current });

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
  const records = new AssessmentRecords(database.connection, database.layout);
  const assessments = new AssessmentService(database.models, records, packs, clock);
  const goodPractice = new GoodPracticeIndex(database.models, assessments, packs, clock, log);
  const criteria = new CriterionService(assessments, records, packs, clock, goodPractice);
  const summaries = new AssessmentSummaries(database.connection, database.layout, assessments, criteria, packs, log);
  records.afterWrite((assessmentId) => summaries.refresh(assessmentId));
  const improvement = new ImprovementService(assessments, criteria, records, packs, clock, goodPractice);
  // Report templates compile now; Chromium starts with the first report.
  const reportPool = new BrowserPool({ executablePath: config.reports.chromiumPath, size: config.reports.poolSize, maxQueue: config.reports.queueMax, taskTimeoutMs: config.reports.timeoutMs, log });
  const identity = new IdentityService(database.models, clock);
  const systems = new SystemService(database.models, clock);
  const changelog = await packChangelog(config.rulePackDir);
  const trends = new TrendService(systems, assessments, packs, changelog);
  const sessions = new SessionService(database.models, clock, config.sessions);
  const throttle = new SignInThrottle(database.models, clock, config.signIn);
  const calibration = new CalibrationService(assessments, criteria, packs, summaries);
  const formSubmissions = new FormSubmissions(database.models, clock, config.sessions.absoluteMs);
  const services: Services = {
    systems,
    identity,
    accounts: new AccountService(database.models, identity, sessions, throttle, clock),
    sessions,
    formSubmissions,
    assessments,
    summaries,
    criteria,
    transfer: new TransferService(database.models, assessments, records, packs, goodPractice, clock),
    calibration,
    improvement,
    writeRate: new WriteRate(config.writeRate, clock),
    trends,
    packs,
    packMoves: new PackMoveService(assessments, records, packs, clock, goodPractice),
    reports: new ReportService({ assessments, criteria, improvement, packs, trends, clock, html: loadHtmlRenderer(), pool: reportPool, protectiveMarking: config.protectiveMarking, perUser: config.reports.perUser }),
    workbooks: new WorkbookService(assessments, criteria, calibration, clock),
    review: new BlindReviewService(assessments, records, clock),
  };
  // A database written by an earlier version is moved to the current layout before anything reads it.
  await migrateStorage(database.connection, records, log);
  const firstAdmin = await seedFirstStart(services, database.models, config, log);
  const signingKey = await loadSiteKey(database.models, clock);
  const sweeper = startSweeper({ 'expired sessions': () => sessions.sweep(), 'sign-in attempts': () => throttle.sweep(), 'form submissions': () => formSubmissions.sweep() }, config.sessions.sweepIntervalMs, log);

  const routes = apiRouteTable(productVersion, () => database.ping(), () => goodPractice.starting());
  const web = { pages: pageTable, signingKey, cookieSecure: config.sessions.cookieSecure, protectiveMarking: config.protectiveMarking };
  const app = createApp({ services, routes, bodyLimitBytes: config.bodyLimitBytes, log, databaseReady: () => database.connection.readyState === 1, web, trustProxy: config.trustProxy });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, () => resolve(listening));
    listening.once('error', reject);
  });
  const address = server.address();
  const url = `http://${config.host}:${typeof address === 'object' && address !== null ? address.port : config.port}`;
  log.info(`Listening on ${url}`);
  // Derived data, rebuilt while the server already listens (good practice is 503 until it is done; health says "starting"):
  // a failure here is logged, and each entry is made again at its assessment's next write.
  // Summaries need no wait: a read rebuilds any that is missing or behind.
  const rebuilt = goodPractice
    .rebuild()
    .then(
      (assessments) => log.info('Good practice index rebuilt', { assessments }),
      (error: unknown) => log.error('Good practice index not rebuilt', { error: error instanceof Error ? error.message : String(error) }),
    )
    .then(() => summaries.rebuild())
    .then(
      (rebuilt) => log.info('Assessment summaries checked', { rebuilt }),
      (error: unknown) => log.error('Assessment summaries not rebuilt: each is rebuilt when next read', { error: error instanceof Error ? error.message : String(error) }),
    );

  let stopping: Promise<void> | undefined;
  return {
    url,
    services,
    database,
    embedded,
    firstAdminToken: firstAdmin?.token ?? null,
    firstAdminPassword: firstAdmin?.password ?? null,
    started: rebuilt,
    stop: () =>
      (stopping ??= (async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await rebuilt;
        await sweeper.stop();
        await summaries.idle();
        await reportPool.close();
        await database.close().catch(() => undefined);
        await embedded?.stop();
        log.info('Stopped');
      })()),
  };
}
