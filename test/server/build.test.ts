import { expect } from 'chai';
import { mkdtemp, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, buildIsCurrent } from '../../scripts/build.mjs';
import { fromProjectRoot } from '../../scripts/project-root.mjs';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

// `npm start` runs the compiled JavaScript: this builds it as `npm start` does (into a folder of its
// own inside the project, as build/ is) and starts it on a fresh embedded database. Its files beside
// the code (views, assets, rules, reference data) must be found from the compiled location.
describe('the compiled server (npm start)', function () {
  this.timeout(300000);
  let outDir: string;
  let dataDir: string;
  let server: ServerProcess | undefined;

  before(async () => {
    outDir = await mkdtemp(fromProjectRoot('.cache', 'build-test-'));
    dataDir = await mkdtemp(join(tmpdir(), 'ics-build-test-'));
  });

  after(async () => {
    await server?.stop();
    await rm(outDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('builds only when the build is missing or older than the sources', async () => {
    expect(await buildIsCurrent(outDir)).to.equal(false);
    await build(outDir);
    expect(await buildIsCurrent(outDir)).to.equal(true);
    const sourceTime = (await stat(fromProjectRoot('server', 'main.ts'))).mtime;
    const before = new Date(sourceTime.getTime() - 60_000);
    await utimes(join(outDir, '.built'), before, before);
    expect(await buildIsCurrent(outDir)).to.equal(false);
  });

  it('starts from build/ without tsx and finds its views, assets, rules and reference data', async () => {
    if (!(await buildIsCurrent(outDir))) await build(outDir);
    server = await startServerProcess(dataDir, { SEED_DEMO: 'false' }, [join(outDir, 'server', 'main.js')]);
    expect(server.child.spawnargs.join(' ')).not.to.include('tsx');

    const health = await fetch(`${server.url}/api/v1/health`);
    expect(health.status).to.equal(200);
    expect(await health.json()).to.deep.equal({ status: 'ok', database: 'connected' });

    const signIn = await fetch(`${server.url}/sign-in`);
    expect(signIn.status).to.equal(200);
    const page = await signIn.text();
    expect(page).to.match(/<form[^>]+action="\/sign-in"/);
    const stylesheet = /href="(\/assets\/[0-9a-f]+\/app\.css)"/.exec(page)?.[1];
    expect(stylesheet, 'the layout links its own stylesheet').to.be.a('string');
    expect((await fetch(`${server.url}${stylesheet}`)).status).to.equal(200);

    expect((await fetch(`${server.url}/api/v1/docs`)).status).to.equal(200);
    // Both maps of ICBs, read from reference/: the 36 in force now, and with the 12 ended since April 2026, 48.
    const systems = (query: string) => fetch(`${server!.url}/api/v1/systems${query}`, { headers: { authorization: `Bearer ${server!.adminToken}` } }).then(async (response) => ((await response.json()) as unknown[]).length);
    expect(await systems('')).to.equal(36);
    expect(await systems('?includeEnded=true')).to.equal(48);
  });
});
