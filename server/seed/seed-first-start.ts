import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Models } from '../persistence/database.ts';
import type { Services } from '../services/services.ts';
import { seedDemoAssessments } from './demo-assessments.ts';

/**
 * What an empty database gets on first start: the 42 systems from reference/icbs.csv, a first
 * administrator with an API token shown once, and (unless SEED_DEMO=false) the synthetic demo
 * assessments. Each step does nothing when its data is already there. Returns the administrator's
 * token when it made one.
 */
export async function seedFirstStart(services: Services, models: Models, config: Config, log: Logger): Promise<string | null> {
  let adminToken: string | null = null;
  const systems = await services.systems.seedReference();
  if (systems > 0) log.info(`Loaded ${systems} systems from reference/icbs.csv`);
  if ((await services.identity.countUsers()) === 0) {
    const admin = await services.identity.createUser({ email: 'admin@example.org', name: 'Administrator', role: 'admin', system: null }, 'first start');
    const { secret } = await services.identity.issueToken(admin.id, 'first administrator token', 'first start');
    // Printed whatever the log level (but for "silent"), since without it nobody could administer the product.
    if (config.logLevel !== 'silent') process.stdout.write(`\nFirst start: created the administrator ${admin.email}. Its API token is shown once; keep it safe:\n\n  ${secret}\n\n`);
    adminToken = secret;
  }
  if (config.seedDemo && (await models.assessments.estimatedDocumentCount()) === 0) {
    const seeded = await seedDemoAssessments(services, log);
    if (seeded > 0) log.info(`Seeded ${seeded} synthetic demo assessments (labelled as demo data)`);
  }
  return adminToken;
}
