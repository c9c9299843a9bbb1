// `node --import tsx scripts/web-screenshots.ts`: starts the product with its synthetic demo data in
// a temporary folder, opens the main web pages in headless Chromium as the demo ICS team and an
// administrator, and writes a PNG of each (its first 2,000 pixels) to docs/screenshots/ for the README.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import type { Principal } from '../assessments/access/roles.ts';
import { loadConfig } from '../server/config.ts';
import { createLogger } from '../server/log.ts';
import { startServer } from '../server/start-server.ts';
import { fillForm, signIn, startTestBrowser } from '../test/support/browser.ts';

const folder = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const dataDir = await mkdtemp(join(tmpdir(), 'ics-screenshots-'));
const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, SEED_DEMO: 'true', LOG_LEVEL: 'warn', NODE_ENV: 'test' });
const server = await startServer(config, createLogger(config.logLevel));
const browser = await startTestBrowser(server.url);
try {
  const { services } = server;
  const users = await services.identity.listUsers();
  const admin = users.find((user) => user.role === 'admin');
  const team = users.find((user) => user.email === 'demo-system-user-qyg@example.org');
  if (admin === undefined || team === undefined || server.firstAdminPassword === null) throw new Error('The demo data did not make the administrator and the QYG team');
  const reader: Principal = { userId: admin.id, name: admin.name, role: 'admin', system: null };
  const assessments = (await services.assessments.list({ period: '2025/26' }, { page: 1, pageSize: 100 }, reader)).items;
  const idOf = (system: string) => {
    const found = assessments.find((assessment) => assessment.system === system);
    if (found === undefined) throw new Error(`The demo data has no assessment of ${system}`);
    return found.id;
  };
  const draft = idOf('QYG');
  const divergent = idOf('QMF');
  const capped = idOf('QT6');

  await mkdir(folder, { recursive: true });
  for (const name of (await readdir(folder)).filter((file) => file.endsWith('.png'))) await rm(join(folder, name));
  const shoot = async (page: Page, name: string, path?: string) => {
    if (path !== undefined) await browser.visit(page, path);
    const height = Math.min(2000, await page.evaluate(() => document.documentElement.scrollHeight));
    await page.screenshot({ path: join(folder, `${name}.png`), clip: { x: 0, y: 0, width: 1100, height }, captureBeyondViewport: true });
    console.log(`docs/screenshots/${name}.png: ${await page.title()}`);
  };
  // A one-time password must be changed at the first sign-in: the screenshots are of the pages after that.
  const ownPassword = async (userId: string, oneTime: string) => {
    const password = `screenshots ${randomBytes(9).toString('base64url')}`;
    await services.accounts.changePassword(userId, oneTime, password);
    return password;
  };
  const newPage = async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 900 });
    return page;
  };

  const teamPage = await newPage();
  await signIn(browser, teamPage, { email: team.email, password: await ownPassword(team.id, await services.accounts.issuePassword(team.id)) });
  await shoot(teamPage, '01-assessment-overview', `/assessments/${draft}`);
  await shoot(teamPage, '02-task-list', `/assessments/${draft}/self`);
  await shoot(teamPage, '03-evidence-form', `/assessments/${draft}/self/hosc-effectiveness`);
  await fillForm(teamPage, { '#indicators-systemSessions-value': '4x' });
  await Promise.all([teamPage.waitForNavigation(), teamPage.click('main form[method="post"] > button.nhsuk-button:last-of-type')]);
  await shoot(teamPage, '04-evidence-form-with-an-error');
  await shoot(teamPage, '05-judgement', `/assessments/${draft}/self/hosc-effectiveness/judgement`);
  await shoot(teamPage, '06-check-and-submit', `/assessments/${draft}/self/check`);
  await shoot(teamPage, '07-ambitions', `/assessments/${draft}/ambitions`);

  const adminPage = await newPage();
  await signIn(browser, adminPage, { email: 'admin@example.org', password: await ownPassword(admin.id, server.firstAdminPassword) });
  await shoot(adminPage, '08-moderation', `/assessments/${divergent}/moderation`);
  await shoot(adminPage, '09-moderate-a-criterion', `/assessments/${divergent}/moderation/partner-engagement`);
  await shoot(adminPage, '10-calibration', `/assessments/${divergent}/calibration`);
  await shoot(adminPage, '11-calibration-across-systems', '/calibration?period=2025%2F26');
  await shoot(adminPage, '12-improvement', `/assessments/${capped}/improvement`);
  await shoot(adminPage, '13-report-preview', `/assessments/${capped}/report`);
  await shoot(adminPage, '14-history', `/assessments/${divergent}/history`);
  await shoot(adminPage, '15-systems', '/admin/systems');
  await shoot(adminPage, '16-system-successions', '/admin/systems/QNQ');
  await shoot(adminPage, '17-trend', '/systems/S9B9J/trend');
  await shoot(adminPage, '18-national-view', '/national?period=2026%2F27');
} finally {
  await browser.close();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
