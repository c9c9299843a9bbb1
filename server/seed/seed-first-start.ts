import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Models } from '../persistence/database.ts';
import { updateReferenceData } from '../services/reference-data.ts';
import type { Services } from '../services/services.ts';
import { seedDemoAssessments } from './demo-assessments.ts';

/** The first administrator's secrets, made at first start and shown once. */
export interface FirstAdministrator {
  token: string;
  password: string;
}

/**
 * What an empty database gets on first start: the systems of both maps in reference/ (the 42 ICBs
 * of 2022 and the 36 of April 2026) with their in-force dates and the successions between them, a first
 * administrator with an API token and a one-time password for the web pages, both shown once, and
 * (unless SEED_DEMO=false) the synthetic demo assessments. Each step does nothing when its data is
 * already there. Returns the administrator's secrets when it made them.
 */
export async function seedFirstStart(services: Services, models: Models, config: Config, log: Logger): Promise<FirstAdministrator | null> {
  let firstAdmin: FirstAdministrator | null = null;
  if ((await models.systems.estimatedDocumentCount()) === 0) {
    const loaded = await updateReferenceData(services.systems);
    log.info(`Loaded ${loaded.created} systems and ${loaded.successions} successions from reference/`);
  }
  if ((await services.identity.countUsers()) === 0) {
    const admin = await services.identity.createUser({ email: 'admin@example.org', name: 'Administrator', role: 'admin', system: null }, 'first start');
    const { secret } = await services.identity.issueToken(admin.id, 'first administrator token', 'first start');
    const password = await services.accounts.issuePassword(admin.id);
    // Printed whatever the log level (but for "silent"), since without them nobody could administer the product.
    if (config.logLevel !== 'silent') {
      process.stdout.write(`\nFirst start: created the administrator ${admin.email}. Its API token and its password for the web pages are shown once; keep them safe:\n\n  API token: ${secret}\n  Password:  ${password}\n\n`);
    }
    firstAdmin = { token: secret, password };
  }
  if (config.seedDemo && (await models.assessments.estimatedDocumentCount()) === 0) {
    const seeded = await seedDemoAssessments(services, log);
    if (seeded > 0) log.info(`Seeded ${seeded} synthetic demo assessments (labelled as demo data)`);
  }
  return firstAdmin;
}
