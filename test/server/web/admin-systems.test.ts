import { expect } from 'chai';
import type { Page } from 'puppeteer-core';
import { errorSummary, expectAccessible, fillForm, signIn, startTestBrowser, submitForm, type TestBrowser } from '../../support/browser.ts';
import { periodOf } from '../../../assessments/systems/period-dates.ts';
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

  it('lists the 36 systems in force now, or those of another period, or every one, filtered by region and status with a GET form; the list passes axe-core', async () => {
    await browser.visit(page, '/admin/systems');
    expect(await codes()).to.have.length(36);
    await expectAccessible(page);
    await fillForm(page, { '#region': 'London' });
    await submitForm(page, 'form.app-filters');
    expect(new URL(page.url()).search).to.equal(`?${new URLSearchParams({ period: periodOf(new Date()), region: 'London', status: '' })}`);
    expect(await codes()).to.deep.equal(['QKK', 'QMF', 'QWE', 'Z9B2Z']);
    expect(await page.$eval('#region', (select) => (select as HTMLSelectElement).value), 'the filter chosen stays chosen').to.equal('London');
    await browser.visit(page, '/admin/systems?period=2025/26&region=London');
    expect(await codes()).to.deep.equal(['QKK', 'QMF', 'QMJ', 'QRV', 'QWE']);
    await browser.visit(page, '/admin/systems?period=all&region=London');
    expect(await codes()).to.deep.equal(['QKK', 'QMF', 'QMJ', 'QRV', 'QWE', 'Z9B2Z']);
    await browser.visit(page, '/admin/systems?period=2025/26&status=retired');
    expect(await codes(), 'in force in 2025/26, ended since').to.have.length(12);
  });

  it('shows a system’s in-force dates, predecessors and successors, and records a new succession with field errors that keep what was typed', async () => {
    await browser.visit(page, '/admin/systems/QNQ');
    const rows = await page.$$eval('main dl .nhsuk-summary-list__row', (elements) => elements.map((row) => (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
    expect(rows).to.include('In force 1 July 2022 to 1 April 2026 (ended)');
    expect(rows.find((row) => row.startsWith('Successors'))).to.contain('(S0E4D), split on 1 April 2026').and.contain('(S9B9J), split on 1 April 2026').and.contain('(QRL), acquisition on 1 April 2026');
    expect(await page.$$('form[action="/admin/systems/QNQ/succession"]'), 'an ended system gets no further succession').to.have.length(0);

    await browser.visit(page, '/admin/systems/QSL');
    await fillForm(page, { '#date': '1 April 2027', '#successionNote': 'Planned' });
    await submitForm(page, 'form[action="/admin/systems/QSL/succession"]');
    expect(await errorSummary(page)).to.deep.equal(['Select the successor from the list', 'Enter the date it took effect as YYYY-MM-DD, for example 2027-04-01', 'Select the kind of succession']);
    expect(await page.$eval('#date', (input) => (input as HTMLInputElement).value), 'what was typed is kept').to.equal('1 April 2027');
    await expectAccessible(page);
    await fillForm(page, { '#successor': 'QOX', '#date': '2027-04-01', '#type': true });
    await submitForm(page, 'form[action="/admin/systems/QSL/succession"]');
    expect(await page.$eval('.nhsuk-notification-banner', (element) => element.textContent)).to.contain('The succession by QOX on 1 April 2027 is recorded');
    expect(await web.server.services.systems.get('QSL')).to.include({ inForceUntil: '2027-04-01', mergedInto: 'QOX' });
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
