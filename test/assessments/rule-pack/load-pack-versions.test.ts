import { expect } from 'chai';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidRulePackError } from '../../../assessments/errors.ts';
import { defaultPackDirectory } from '../../../assessments/rule-pack/default-pack.ts';
import { loadPackVersions } from '../../../assessments/rule-pack/load-pack-versions.ts';
import { compareVersions } from '../../../assessments/rule-pack/pack-versions.ts';

describe('loadPackVersions: a pack’s versions side by side', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ics-pack-versions-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  /** A copy of the shipped newest version in `<folder>/<name>`, with its manifest edited. */
  async function version(name: string, edit: (manifest: any) => void): Promise<void> {
    await cp(defaultPackDirectory, join(folder, name), { recursive: true });
    const path = join(folder, name, 'manifest.json');
    const manifest = JSON.parse(await readFile(path, 'utf8'));
    edit(manifest);
    await writeFile(path, JSON.stringify(manifest, null, 2));
  }

  it('orders versions by semantic version, not by name (1.10.0 after 1.9.0)', async () => {
    await version('1.10.0', (manifest) => (manifest.version = '1.10.0'));
    await version('1.9.0', (manifest) => (manifest.version = '1.9.0'));
    expect((await loadPackVersions(folder)).map((pack) => pack.version)).to.deep.equal(['1.9.0', '1.10.0']);
    expect(['1.10.0', '1.2.0', '1.2.0-rc.1', '0.9.9'].sort(compareVersions)).to.deep.equal(['0.9.9', '1.2.0-rc.1', '1.2.0', '1.10.0']);
  });

  it('loads one version’s folder given directly', async () => {
    expect((await loadPackVersions(defaultPackDirectory)).map((pack) => pack.version)).to.have.length(1);
  });

  it('refuses a version folder named other than its manifest’s version, and versions of different packs', async () => {
    await version('1.2.0', (manifest) => (manifest.version = '1.3.0'));
    const misnamed = await loadPackVersions(folder).catch((error: unknown) => error);
    expect(misnamed).to.be.instanceOf(InvalidRulePackError);
    expect((misnamed as Error).message).to.contain('is 1.3.0, but the folder says 1.2.0');
    await rm(join(folder, '1.2.0'), { recursive: true });
    await version('1.2.0', (manifest) => (manifest.version = '1.2.0'));
    await version('2.0.0', (manifest) => Object.assign(manifest, { id: 'another-pack', version: '2.0.0' }));
    expect(((await loadPackVersions(folder).catch((error: unknown) => error)) as Error).message).to.contain('holds versions of different packs (hewitt-3.122, another-pack)');
  });

  it('refuses a folder holding no pack', async () => {
    expect(((await loadPackVersions(folder).catch((error: unknown) => error)) as Error).message).to.contain('holds no rule pack');
  });
});
