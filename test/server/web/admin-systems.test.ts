import { expect } from 'chai';
import type { Page } from 'puppeteer-core';
import { errorSummary, expectAccessible, fillForm, signIn, startTestBrowser, submitForm, type TestBrowser } from '../../support/browser.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('Web pages: administering systems and rule packs (real Chromium)', function () {
  this.timeout(120_000);
  let web: TestServer;
  let browser: TestBrowser;
  let page: Page;
  before(async () => {
    web = await startTestServer();
    browser = await startTestBrowser(web.url);
    page = await browser.newPage();
    await signIn(browser, page, web.admin);
  });
  after(async () => {
    await browser?.close();
    await web?.stop();
  });

  const codes = () => page.$$eval('main tbody tr td:first-child', (cells) => cells.map((cell) => cell.textContent?.trim()));

  it('lists the 42 systems, filtered by region and status with a GET form; the list passes axe-core', async () => {
    await browser.visit(page, '/admin/systems');
    expect(await codes()).to.have.length(42);
    await expectAccessible(page);
    await fillForm(page, { '#region': 'London' });
    await submitForm(page, 'form.app-filters');
    expect(new URL(page.url()).search).to.equal('?region=London&status=');
    expect(await codes()).to.deep.equal(['QKK', 'QMF', 'QMJ', 'QRV', 'QWE']);
    expect(await page.$eval('#region', (select) => (select as HTMLSelectElement).value), 'the filter chosen stays chosen').to.equal('London');
    await browser.visit(page, '/admin/systems?status=retired');
    expect(await page.$eval('main', (main) => main.textContent)).to.contain('No system matches these filters.');
  });

  it('adds a system, refusing a malformed one with every problem on its field; the form passes axe-core with errors', async () => {
    await browser.visit(page, '/admin/systems/new');
    await expectAccessible(page);
    await fillForm(page, { '#odsCode': 'q!', '#onsCode': 'E5400', '#name': 'NHS Test Integrated Care Board' });
    await submitForm(page);
    expect(await page.title()).to.equal('Error: Add a system – ICS maturity assessment');
    expect(await errorSummary(page)).to.deep.equal(['Enter the ICB’s ODS code, for example QOX', 'Enter the ICB’s ONS code, for example E54000040', 'Enter a short name', 'Enter the NHS region']);
    await expectAccessible(page);
    await fillForm(page, { '#odsCode': 'qzz', '#onsCode': 'E54000099', '#shortName': 'Test', '#region': 'London' });
    await submitForm(page);
    expect(new URL(page.url()).pathname).to.equal('/admin/systems/QZZ');
    expect(await page.$eval('.nhsuk-notification-banner', (element) => element.textContent)).to.contain('NHS Test Integrated Care Board (QZZ) is added');
  });

  it('renames a system and shows the rename in its history; the page passes axe-core', async () => {
    await browser.visit(page, '/admin/systems/QZZ');
    expect(await page.title()).to.equal('System: NHS Test Integrated Care Board (QZZ) – ICS maturity assessment');
    await expectAccessible(page);
    await fillForm(page, { '#name': 'NHS Renamed Integrated Care Board', '#shortName': 'Renamed', '#renameNote': 'From 1 July 2025' });
    await submitForm(page, 'form[action="/admin/systems/QZZ/rename"]');
    const history = await page.$$eval('main table tbody tr', (rows) => rows.map((row) => [...row.querySelectorAll('td')].slice(1).map((cell) => cell.textContent?.trim())));
    expect(history).to.deep.equal([
      ['Added', 'Administrator', ''],
      ['Renamed from “NHS Test Integrated Care Board” to “NHS Renamed Integrated Care Board”', 'Administrator', 'From 1 July 2025'],
    ]);
  });

  it('refuses a change made on a page someone else has changed since, and says so on the form', async () => {
    await browser.visit(page, '/admin/systems/QZZ');
    await web.call(web.adminToken, 'PATCH', '/api/v1/systems/QZZ', { action: 'rename', name: 'NHS Elsewhere Integrated Care Board', shortName: 'Elsewhere', version: 2 });
    await fillForm(page, { '#name': 'NHS Mine Integrated Care Board' });
    await submitForm(page, 'form[action="/admin/systems/QZZ/rename"]');
    expect(await errorSummary(page)).to.deep.equal(['Someone else changed this system after you opened this page. Check its details and history below, then try again.']);
    expect((await web.server.services.systems.get('QZZ')).name).to.equal('NHS Elsewhere Integrated Care Board');
    expect(await page.$eval('#name', (input) => (input as HTMLInputElement).value), 'what was typed is kept').to.equal('NHS Mine Integrated Care Board');
  });

  it('retires a system as merged into another', async () => {
    await browser.visit(page, '/admin/systems/QZZ');
    await fillForm(page, { '#mergedInto': 'QOX', '#retireNote': 'Merged on 1 April 2026' });
    await submitForm(page, 'form[action="/admin/systems/QZZ/retire"]');
    expect(await web.server.services.systems.get('QZZ')).to.include({ status: 'retired', mergedInto: 'QOX' });
    expect(await page.$eval('main', (main) => main.textContent)).to.contain('Retired: merged into QOX');
    expect(await page.$$('form[action="/admin/systems/QZZ/rename"]'), 'a retired system is not changed further').to.have.length(0);
  });

  it('lists the rule packs with their version, hash and the assessments pinned to each; the page passes axe-core', async () => {
    await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' });
    await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system: 'QHG', period: '2025/26' });
    await browser.visit(page, '/admin/rule-packs');
    const [older, pack] = web.server.services.packs.list();
    const rows = await page.$$eval('main tbody tr', (cells) => cells.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.innerText.replace(/\s+/g, ' ').trim())));
    expect(pack?.hash).to.equal(web.server.services.packs.current.hash);
    expect(rows).to.deep.equal([
      [`${older?.id} ${older?.manifest.title}`, '1.0.0', older?.hash, 'Loaded', '0'],
      [`${pack?.id} ${pack?.manifest.title}`, '1.1.0', pack?.hash, 'Current', '2'],
    ]);
    await expectAccessible(page);
  });
});
