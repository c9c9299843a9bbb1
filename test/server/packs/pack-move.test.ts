import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { packVersionsDirectory } from '../../../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../../../assessments/rule-pack/load-pack.ts';
import { scorePerspective } from '../../../assessments/scoring/score-perspective.ts';
import { expectAccessible, signIn, startTestBrowser, submitForm, type TestBrowser } from '../../support/browser.ts';
import { hoscEvidenceScoring4 } from '../../support/evidence.ts';
import { RouteRequests } from '../../support/route-requests.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { stepTo } from '../../support/workflow-steps.ts';

// The 1.1.0 case at the prevention tolerance edge: a 0.7-point rise against a 0.6-point line.
const cases = JSON.parse(readFileSync(join(packVersionsDirectory, '1.1.0', 'cases', 'prevention-shift.json'), 'utf8'));
const atTheEdge = cases.cases.find((entry: { name: string }) => entry.name.startsWith('3: a 0.7-point rise')).criteria['prevention-shift'];
const override = { decision: 'override', score: 2, rationale: 'The 2026 share includes a one-off transfer the ICP finance report explains; like for like it rose less.' };

describe('Rule pack versions side by side: an assessment pinned to 1.0.0, and its explicit move to 1.1.0 (real server, real Chromium)', function () {
  this.timeout(180_000);
  let web: TestServer;
  let id: string;
  let assessorToken: string;

  before(async () => {
    web = await startTestServer();
    assessorToken = await web.tokenFor('assessor');
    const created = await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' });
    expect(created.body.pack.version, 'new assessments pin the newest version').to.equal('1.1.0');
    id = await new RouteRequests(web).pinnedToOldestPack(created.body.id);
    const save = async (criterion: string, evidence: unknown) => expect((await web.call(web.adminToken, 'PUT', `/api/v1/assessments/${id}/perspectives/self/criteria/${criterion}/evidence`, { basedOnVersion: 0, evidence })).status).to.equal(200);
    await save('prevention-shift', atTheEdge);
    await save('hosc-effectiveness', hoscEvidenceScoring4());
    expect((await web.call(web.adminToken, 'PUT', `/api/v1/assessments/${id}/perspectives/self/criteria/prevention-shift/judgement`, { basedOnVersion: 0, judgement: override })).status).to.equal(200);
  });
  after(() => web?.stop());

  it('scores an assessment pinned to 1.0.0 exactly as 1.0.0 alone does, with 1.1.0 loaded beside it', async () => {
    const alone = await loadRulePack(join(packVersionsDirectory, '1.0.0'));
    const scored = await web.call(web.adminToken, 'GET', `/api/v1/assessments/${id}/perspectives/self/score`);
    expect(scored.status).to.equal(200);
    const expected = await scorePerspective(alone, { system: 'QOX', period: '2025/26', perspective: 'self', criteria: { 'prevention-shift': atTheEdge, 'hosc-effectiveness': hoscEvidenceScoring4() } }, { 'prevention-shift': override as never });
    const { staleJudgements, ...result } = scored.body;
    expect(staleJudgements).to.deep.equal([]);
    expect(result).to.deep.equal(JSON.parse(JSON.stringify(expected)));
    expect(result.pack.version).to.equal('1.0.0');
    const finding = result.criteria.find((criterion: { criterion: string }) => criterion.criterion === 'prevention-shift').findings.find((entry: { check: string }) => entry.check === 'prevention/ahead-of-line');
    expect(finding.meaning, 'under 1.0.0 the old wording stands').to.equal("The prevention share is not rising faster than the review's ambition of 1 percentage point over 5 years.");
  });

  it('previews the move per criterion and overall, changing nothing', async () => {
    const before = (await web.call(web.adminToken, 'GET', `/api/v1/assessments/${id}/audit`)).body;
    const choice = await web.call(assessorToken, 'GET', `/api/v1/assessments/${id}/pack`);
    expect(choice.status).to.equal(200);
    expect(choice.body.pinned.version).to.equal('1.0.0');
    expect(choice.body.newer.map((pack: { version: string }) => pack.version)).to.deep.equal(['1.1.0']);
    expect(choice.body.version).to.equal(0);
    const { preview } = choice.body;
    const prevention = preview.criteria.find((criterion: { criterion: string }) => criterion.criterion === 'prevention-shift');
    expect(prevention.perspectives[0]).to.deep.equal({ perspective: 'self', proposed: { from: { score: 3 }, to: { score: 3 } }, result: { from: { score: 2 }, to: { score: 3 } }, rescored: true, judgementSetAside: true });
    expect(prevention.agreed).to.deep.equal({ from: { score: 2 }, to: { score: 3 } });
    expect(prevention.changed).to.equal(true);
    const hosc = preview.criteria.find((criterion: { criterion: string }) => criterion.criterion === 'hosc-effectiveness');
    expect(hosc.changed).to.equal(false);
    expect(hosc.perspectives[0].rescored).to.equal(false);
    expect(preview.ratings[0].rating.from.percentage).to.be.a('number');
    expect(preview.ratings[0].rating.to.percentage).to.be.greaterThan(preview.ratings[0].rating.from.percentage);
    expect((await web.call(web.adminToken, 'GET', `/api/v1/assessments/${id}/audit`)).body).to.deep.equal(before);
    expect((await web.call(web.adminToken, 'GET', `/api/v1/assessments/${id}`)).body.pack.version).to.equal('1.0.0');
  });

  it('refuses to move a published assessment: its rating stands under the pack it was published with', async () => {
    const created = await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system: 'QHG', period: '2025/26' });
    const published = await new RouteRequests(web).pinnedToOldestPack(created.body.id);
    // Each step with what it needs first (evidence, the empty criteria acknowledged, those left unmoderated with a reason).
    for (const [index, to] of (['submitted', 'in-review', 'moderated', 'published'] as const).entries()) await stepTo((method, path, body) => web.call(web.adminToken, method, path, body), published, to, index + 1);
    const refused = await web.call(assessorToken, 'POST', `/api/v1/assessments/${published}/pack`, { to: '1.1.0', version: 0 });
    expect(refused.status).to.equal(409);
    expect(refused.body.detail).to.contain('published');
    expect((await web.call(web.adminToken, 'GET', `/api/v1/assessments/${published}`)).body.pack.version).to.equal('1.0.0');
  });

  it('refuses a move to a version that is not newer, and one based on a stale version', async () => {
    const same = await web.call(assessorToken, 'POST', `/api/v1/assessments/${id}/pack`, { to: '1.0.0', version: 0 });
    expect(same.status).to.equal(400);
    const stale = await web.call(assessorToken, 'POST', `/api/v1/assessments/${id}/pack`, { to: '1.1.0', version: 3 });
    expect(stale.status).to.equal(409);
    expect((await web.call(web.adminToken, 'GET', `/api/v1/assessments/${id}`)).body.pack.version).to.equal('1.0.0');
  });

  it('moves on the assessor’s confirmation in the page, re-scores the changed evidence and records who, when and both versions', async () => {
    const account = await web.account('assessor');
    let browser: TestBrowser | undefined;
    try {
      browser = await startTestBrowser(web.url);
      const page: Page = await browser.newPage();
      await signIn(browser, page, account);
      await browser.visit(page, `/assessments/${id}`);
      const link = await page.$eval('main a[href$="/pack"]', (anchor) => [anchor.textContent, anchor.getAttribute('href')]);
      expect(link).to.deep.equal(['A newer version is available: see what would change', `/assessments/${id}/pack`]);
      await browser.visit(page, link[1]!);
      const rows = await page.$$eval('#pack-changes tbody tr', (trs) => trs.map((row) => (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
      expect(rows.find((row) => row.startsWith('Progress in shifting resources to prevention'))).to.match(/Changes 2 → 3 Re-scored Judgement set aside – → – – → – 2 → 3$/);
      expect(rows.find((row) => row.startsWith('Effectiveness of Health Overview'))).to.match(/Committees at system level 4 → 4 – → – – → – 4 → 4$/);
      expect(rows.at(-1)).to.equal('Overall rating Good (75%), provisional → Outstanding (88%), provisional Not rated → Not rated Not rated → Not rated Good (75%), provisional → Outstanding (88%), provisional');
      await expectAccessible(page);
      await submitForm(page, 'main form[action$="/pack"]');
      expect(new URL(page.url()).pathname).to.equal(`/assessments/${id}/history`);
      expect(await page.$eval('main', (main) => main.textContent?.replace(/\s+/g, ' '))).to.contain('rule pack moved from hewitt-3.122 1.0.0 to hewitt-3.122 1.1.0');
      await browser.visit(page, `/assessments/${id}`);
      expect(await page.$$('main a[href$="/pack"]'), 'no newer version once moved').to.have.length(0);
    } finally {
      await browser?.close();
    }

    const moved = (await web.call(web.adminToken, 'GET', `/api/v1/assessments/${id}`)).body;
    expect(moved.pack).to.deep.equal((await web.call(assessorToken, 'GET', `/api/v1/assessments/${id}/pack`)).body.pinned);
    expect(moved.pack.version).to.equal('1.1.0');
    const audit = (await web.call(web.adminToken, 'GET', `/api/v1/assessments/${id}/audit`)).body as Array<{ action: string; subject: string; by: { name: string }; after: any; at: string }>;
    const move = audit.find((entry) => entry.action.startsWith('rule pack moved'))!;
    expect(move.by.name).to.match(/^Test assessor/);
    expect(move.after.from.version).to.equal('1.0.0');
    expect(move.after.to.version).to.equal('1.1.0');
    expect(move.after.changes).to.deep.equal([{ criterion: 'prevention-shift', perspective: 'self', from: { score: 2 }, to: { score: 3 } }, { criterion: 'prevention-shift', perspective: null, from: { score: 2 }, to: { score: 3 } }]);
    expect(move.after.rescored).to.deep.equal([{ criterion: 'prevention-shift', perspective: 'self', evidenceVersion: 2 }]);
    const rescored = audit.filter((entry) => entry.action === 'evidence saved' && entry.at === move.at);
    expect(rescored.map((entry) => [entry.subject, entry.by.name])).to.deep.equal([['prevention-shift (self)', move.by.name]]);

    const scored = (await web.call(web.adminToken, 'GET', `/api/v1/assessments/${id}/perspectives/self/score`)).body;
    expect(scored.pack.version).to.equal('1.1.0');
    expect(scored.staleJudgements).to.deep.equal(['prevention-shift']);
    const finding = scored.criteria.find((criterion: { criterion: string }) => criterion.criterion === 'prevention-shift').findings.find((entry: { check: string }) => entry.check === 'prevention/ahead-of-line');
    expect(finding.meaning).to.contain('within the tolerance of the line');
    const again = await web.call(assessorToken, 'GET', `/api/v1/assessments/${id}/pack`);
    expect(again.body).to.include({ version: 1, preview: null });
  });

  it('exports the moved assessment and imports it again, each evidence version checked against the pack in force when it was written', async () => {
    const exported = (await web.call(web.adminToken, 'GET', `/api/v1/assessments/${id}/export`)).body;
    expect(exported.records.filter((record: { kind: string }) => record.kind === 'pack')).to.have.length(1);
    const copy = (newId: string, period: string, edit: (records: any[]) => any[] = (records) => records) => ({ ...exported, assessment: { ...exported.assessment, id: newId, period }, records: edit(exported.records.map((record: object) => ({ ...record, assessmentId: newId }))) });
    const imported = await web.call(web.adminToken, 'POST', '/api/v1/assessments/import', copy('0b6a3f9e-5c1d-4e2f-8a7b-9c0d1e2f3a4b', '2030/31'));
    expect(imported.status, JSON.stringify(imported.body)).to.equal(201);
    expect(imported.body.pack.version).to.equal('1.1.0');
    // The first evidence version was scored under 1.0.0: checked against 1.1.0 instead (no move record), it is refused.
    const withoutMove = await web.call(web.adminToken, 'POST', '/api/v1/assessments/import', copy('1c7b4a0f-6d2e-4f30-9b8c-0d1e2f3a4b5c', '2031/32', (records) => records.filter((record) => record.kind !== 'pack')));
    expect(withoutMove.status).to.equal(400);
    expect(JSON.stringify(withoutMove.body)).to.contain('It is not what the pack hewitt-3.122 1.1.0 proposes for this evidence');
  });
});
