import { expect } from 'chai';
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hoscEvidenceScoring4, item } from '../../support/evidence.ts';
import { startServerProcess, type ServerProcess } from '../../support/server-process.ts';

/** The processes whose parent is `pid`, by name (from /proc). */
async function childrenOf(pid: number, name: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of (await readdir('/proc')).filter((item) => /^\d+$/.test(item))) {
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const close = stat.lastIndexOf(')');
    if (stat.slice(stat.indexOf('(') + 1, close) === name && Number(stat.slice(close + 2).split(' ')[1]) === pid) found.push(Number(entry));
  }
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

interface Acknowledged {
  id: string;
  criterion: string;
  version: number;
  sessions: number;
}

// The server runs as its own process on a data folder of its own and is killed with SIGKILL (no
// clean-up runs at all, as in a power cut or the OOM killer) in the middle of a burst of writes.
describe('faults: the server killed (SIGKILL) in the middle of a burst of writes', function () {
  this.timeout(240000);
  let dataDir: string;
  let server: ServerProcess | undefined;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ics-kill-'));
  });
  after(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write, shows nothing half-written, keeps the audit trail matching the data, and serves again on restart', async () => {
    server = await startServerProcess(dataDir);
    const token = server.adminToken;
    expect(token, 'the first start prints the administrator token').to.match(/^icsm_/);
    const call = async (target: ServerProcess, method: string, path: string, body?: unknown) => {
      const response = await fetch(`${target.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, body: text === '' ? null : JSON.parse(text) };
    };
    const ids: string[] = [];
    for (const system of ['QOX', 'QHG', 'QUA', 'QJK']) ids.push((await call(server, 'POST', '/api/v1/assessments', { system, period: '2025/26' })).body.id);

    // The burst: a writer per assessment and criterion, each basing every save on its last, and two clients starting assessments.
    const writes: Acknowledged[] = [];
    const created: string[] = [];
    const killAfter = 30 + Math.floor(Math.random() * 40);
    let killed = false;
    const first = server;
    const evidencePath = (id: string, criterion: string) => `/api/v1/assessments/${id}/perspectives/self/criteria/${criterion}/evidence`;
    const hosc = (sessions: number) => ({ indicators: { ...hoscEvidenceScoring4().indicators, systemSessions: item(sessions) } });
    const writer = async (id: string, criterion: string) => {
      let version = 0;
      for (let sessions = 1; !killed; sessions = (sessions % 100) + 1) {
        const response = await call(first, 'PUT', evidencePath(id, criterion), { basedOnVersion: version, evidence: criterion === 'hosc-effectiveness' ? hosc(sessions) : { indicators: { commonQiMethod: item(sessions % 2 === 0) } } }).catch(() => null);
        if (response?.status !== 200) {
          expect(response === null || response.status === 409, `a burst write got ${response?.status}`).to.equal(true);
          continue;
        }
        version = response.body.version;
        writes.push({ id, criterion, version, sessions });
      }
    };
    const creator = async (offset: number) => {
      for (let year = 2050 + offset; !killed; year += 2) {
        const response = await call(first, 'POST', '/api/v1/assessments', { system: 'QOX', period: `${year}/${String((year + 1) % 100).padStart(2, '0')}` }).catch(() => null);
        if (response?.status === 201) created.push(response.body.id);
      }
    };
    const database = await childrenOf(first.child.pid!, 'ferretdb');
    expect(database, 'the server runs its embedded FerretDB').to.have.length(1);
    const burst = Promise.all([...ids.flatMap((id) => [writer(id, 'hosc-effectiveness'), writer(id, 'learning-culture')]), creator(0), creator(1)]);
    try {
      for (const until = Date.now() + 60000; writes.length + created.length < killAfter; await new Promise((resolve) => setTimeout(resolve, 5))) {
        if (Date.now() > until) throw new Error(`Only ${writes.length + created.length} writes were acknowledged in 60 s`);
      }
      await first.kill('SIGKILL');
    } finally {
      killed = true;
      await burst;
    }

    // Its database stops by itself once its parent has gone, rather than living on over the same files.
    for (let waited = 0; waited < 15000 && alive(database[0]!); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(database[0]!), 'the orphaned FerretDB stopped').to.equal(false);

    server = await startServerProcess(dataDir);
    const again = server;
    expect(again.adminToken, 'no second administrator').to.equal('');

    // Every acknowledged write is there, exactly as acknowledged.
    for (const write of writes) {
      const versions = (await call(again, 'GET', `${evidencePath(write.id, write.criterion)}/versions`)).body;
      const saved = versions[write.version - 1];
      expect(saved?.version, `${write.criterion} v${write.version}`).to.equal(write.version);
      if (write.criterion === 'hosc-effectiveness') expect(saved.content.evidence.indicators.systemSessions.value).to.equal(write.sessions);
      else expect(saved.content.evidence.indicators.commonQiMethod.value).to.equal(write.sessions % 2 === 0);
    }
    for (const id of created) expect((await call(again, 'GET', `/api/v1/assessments/${id}`)).status, `created ${id}`).to.equal(200);

    // Nothing half-written is visible, and each audit trail is exactly its records.
    const listed = (await call(again, 'GET', '/api/v1/assessments?pageSize=100')).body;
    expect(listed.items).to.have.length(listed.total);
    expect(listed.items.length).to.be.at.least(ids.length + created.length);
    for (const assessment of listed.items as Array<{ id: string; version: number; status: string }>) {
      expect(assessment).to.include({ version: 1, status: 'draft' });
      const audit = (await call(again, 'GET', `/api/v1/assessments/${assessment.id}/audit`)).body as Array<{ action: string; subject: string; version: number; after: any }>;
      expect(audit.filter((entry) => entry.action === 'assessment created')).to.have.length(1);
      for (const criterion of ['hosc-effectiveness', 'learning-culture']) {
        const versions = (await call(again, 'GET', `${evidencePath(assessment.id, criterion)}/versions`)).body as Array<{ version: number; content: { evidence: unknown; proposal: { findings: unknown[] } } }>;
        expect(versions.map((record) => record.version), `${criterion} versions run 1, 2, 3…`).to.deep.equal(versions.map((_, index) => index + 1));
        for (const record of versions) expect(record.content.proposal.findings, 'each version is whole: evidence with its proposal').to.be.an('array');
        const trail = audit.filter((entry) => entry.subject === `${criterion} (self)`);
        expect(trail.map((entry) => entry.version)).to.deep.equal(versions.map((record) => record.version));
        expect(trail.map((entry) => JSON.stringify(entry.after))).to.deep.equal(versions.map((record) => JSON.stringify(record.content)));
      }
      expect((await call(again, 'GET', `/api/v1/assessments/${assessment.id}/perspectives/self/score`)).status).to.equal(200);
    }

    // Service resumes: every series takes its next version, and new assessments start.
    for (const id of ids) {
      const latest = (await call(again, 'GET', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness`)).body.evidence?.version ?? 0;
      expect((await call(again, 'PUT', evidencePath(id, 'hosc-effectiveness'), { basedOnVersion: latest, evidence: hosc(7) })).status).to.equal(200);
    }
    expect((await call(again, 'POST', '/api/v1/assessments', { system: 'QUA', period: '2030/31' })).status).to.equal(201);
  });
});
