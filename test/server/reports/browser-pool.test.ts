import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import { UnavailableError } from '../../../assessments/errors.ts';
import { buildReportModel } from '../../../assessments/report-model/build-report-model.ts';
import type { ReportModel } from '../../../assessments/report-model/report-model.ts';
import { defaultPackDirectory } from '../../../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../../../assessments/rule-pack/load-pack.ts';
import { createLogger } from '../../../server/log.ts';
import { BrowserPool } from '../../../server/reports/browser-pool.ts';
import { loadHtmlRenderer } from '../../../server/reports/html-renderer.ts';
import { renderReportPdf } from '../../../server/reports/pdf-renderer.ts';
import { pdfInfo } from '../../support/pdf-tools.ts';
import { demoFixture, reportInputOf, storeFixture } from '../../support/report-fixtures.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const quiet = createLogger('silent');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILL, unless the process has already gone (it may exit between being listed and being killed). */
function killIfAlive(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** The Chromium processes this test process started (the browsers of the pools it runs in-process). */
async function ourBrowsers(): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const parent = Number(stat.slice(close + 2).split(' ')[1]);
    if (comm === 'chromium' && parent === process.pid) pids.push(Number(entry));
  }
  return pids;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('the browser pool (real Chromium)', function () {
  this.timeout(120000);
  let model: ReportModel;
  const html = loadHtmlRenderer();
  before(async () => {
    model = await buildReportModel(await reportInputOf(await demoFixture(), await loadRulePack(defaultPackDirectory)));
  });

  it('when the browser is killed during a render, that render fails cleanly and the next one starts a new browser', async () => {
    const pool = new BrowserPool({ executablePath, size: 1, maxQueue: 2, taskTimeoutMs: 30000, log: quiet });
    try {
      await renderReportPdf(model, html, pool);
      const first = pool.stats().browserPid as number;
      expect(alive(first)).to.equal(true);
      const killed = pool.use(async (page) => {
        await page.setContent(html.report(model), { waitUntil: 'load' });
        process.kill(first, 'SIGKILL');
        return page.pdf({ format: 'A4' });
      });
      const error = await killed.then(() => null, (failure: unknown) => failure);
      expect(error).to.be.instanceOf(UnavailableError);
      expect((error as UnavailableError).message).to.match(/stopped while making this report/);
      expect((error as UnavailableError).retryAfterSeconds).to.be.greaterThan(0);

      const pdf = await renderReportPdf(model, html, pool);
      expect((await pdfInfo(pdf)).Tagged).to.equal('yes');
      expect(pool.stats()).to.include({ launches: 2, completed: 2, failed: 1 });
      expect(pool.stats().browserPid).to.not.equal(first);
      expect(alive(first)).to.equal(false);
    } finally {
      await pool.close();
    }
  });

  it('refuses a task at once when the queue is full, and serves those in line in turn', async () => {
    const pool = new BrowserPool({ executablePath, size: 1, maxQueue: 1, taskTimeoutMs: 30000, log: quiet });
    try {
      const gate = deferred();
      const running = pool.use(async () => {
        await gate.promise;
        return 'first';
      });
      const waiting = pool.use(async () => 'second');
      const refused = await pool.use(async () => 'third').then(() => null, (error: unknown) => error);
      expect(refused).to.be.instanceOf(UnavailableError);
      expect((refused as UnavailableError).retryAfterSeconds).to.equal(5);
      expect(pool.stats()).to.include({ busy: 1, queued: 1, turnedAway: 1 });
      gate.resolve();
      expect(await Promise.all([running, waiting])).to.deep.equal(['first', 'second']);
      expect(pool.stats()).to.include({ busy: 0, queued: 0 });
    } finally {
      await pool.close();
    }
  });

  it('stops a task that runs past its time limit, and the page after it renders normally', async () => {
    const pool = new BrowserPool({ executablePath, size: 1, maxQueue: 0, taskTimeoutMs: 1500, log: quiet });
    try {
      const stuck = await pool.use(() => new Promise<never>(() => {})).then(() => null, (error: unknown) => error);
      expect(stuck).to.be.instanceOf(UnavailableError);
      expect((stuck as Error).message).to.match(/longer than 2 s/);
      expect((await pdfInfo(await renderReportPdf(model, html, pool))).Tagged).to.equal('yes');
    } finally {
      await pool.close();
    }
  });

  it('shuts down gracefully: those waiting are refused, the running task finishes, the browser exits', async () => {
    const pool = new BrowserPool({ executablePath, size: 1, maxQueue: 1, taskTimeoutMs: 30000, log: quiet });
    await renderReportPdf(model, html, pool);
    const pid = pool.stats().browserPid as number;
    const gate = deferred();
    const running = pool.use(async (page) => {
      await gate.promise;
      return page.title();
    });
    const waiting = pool.use(async () => 'never').then(() => null, (error: unknown) => error);
    const closing = pool.close();
    expect(await waiting).to.be.instanceOf(UnavailableError);
    gate.resolve();
    expect(await running).to.equal(model.document.title);
    await closing;
    expect(alive(pid)).to.equal(false);
    expect(await pool.use(async () => 'late').then(() => null, (error: unknown) => error)).to.be.instanceOf(UnavailableError);
  });

  describe('through the API, with one page and no queue', () => {
    let api: TestServer;
    let id: string;
    const get = () => fetch(`${api.url}/api/v1/assessments/${id}/report.pdf`, { headers: { authorization: `Bearer ${api.adminToken}` } });
    before(async () => {
      // One user sends all of these: the per-user share (report-fair-share.test.ts) is lifted so the queue itself is what is tested.
      api = await startTestServer({ REPORT_POOL_SIZE: '1', REPORT_QUEUE_MAX: '0', REPORT_PER_USER: '100' });
      id = await storeFixture((method, path, body) => api.call(api.adminToken, method, path, body), await demoFixture());
      expect((await get()).status).to.equal(200);
    });
    after(() => api.stop());

    it('answers 503 with Retry-After when the browser dies under a request, and 200 to the next', async () => {
      const pending = get();
      let answered = false;
      void pending.finally(() => {
        answered = true;
      });
      // Kill whatever browser the server runs until the answer comes: the request cannot have finished in between.
      while (!answered) {
        for (const pid of await ourBrowsers()) killIfAlive(pid);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const response = await pending;
      expect(response.status).to.equal(503);
      expect(Number(response.headers.get('retry-after'))).to.be.greaterThan(0);
      expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect((await response.json()).title).to.equal('Unavailable');
      const next = await get();
      expect(next.status).to.equal(200);
      expect(next.headers.get('content-type')).to.equal('application/pdf');
    });

    it('answers 503 with Retry-After to requests past the queue, and serves the rest', async () => {
      const responses = await Promise.all(Array.from({ length: 6 }, () => get()));
      const statuses = responses.map((response) => response.status);
      expect(statuses).to.include(200);
      expect(statuses).to.include(503);
      expect(statuses.every((status) => status === 200 || status === 503)).to.equal(true);
      for (const response of responses.filter((entry) => entry.status === 503)) {
        expect(response.headers.get('retry-after')).to.equal('5');
        expect((await response.json()).detail).to.match(/^Too many reports are being made just now/);
      }
      await Promise.all(responses.filter((entry) => entry.status === 200).map((entry) => entry.arrayBuffer()));
      expect((await get()).status).to.equal(200);
    });
  });
});
