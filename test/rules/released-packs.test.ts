import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPackVersions } from '../../assessments/rule-pack/load-pack-versions.ts';
import { loadRulePack } from '../../assessments/rule-pack/load-pack.ts';
import { packVersionFolders } from '../../assessments/rule-pack/pack-versions.ts';
import { packVersionsDirectory } from '../../assessments/rule-pack/default-pack.ts';
import { PackRegistry } from '../../server/services/pack-registry.ts';

const rules = fileURLToPath(new URL('../../rules/', import.meta.url));
const released = (JSON.parse(readFileSync(join(rules, 'released.json'), 'utf8')) as { released: Array<{ id: string; version: string; folder: string; hash: string }> }).released;

describe('released rule pack versions (rules/released.json)', () => {
  for (const entry of released) {
    it(`${entry.id} ${entry.version} still has the content hash assessments pin`, async () => {
      const pack = await loadRulePack(join(rules, entry.folder));
      expect({ id: pack.id, version: pack.version, hash: pack.hash }).to.deep.equal({ id: entry.id, version: entry.version, hash: entry.hash });
    });
  }

  it('lists every version folder the server loads, so none ships unreleased or unpinned', () => {
    const folders = packVersionFolders(packVersionsDirectory).map((folder) => relative(rules, folder).split('\\').join('/'));
    expect(folders).to.deep.equal(released.filter((entry) => entry.id === 'hewitt-3.122').map((entry) => entry.folder));
  });

  it('loads every version side by side; the newest is current and older ones stay available by their hash', async () => {
    const packs = PackRegistry.ofVersions(await loadPackVersions(packVersionsDirectory));
    expect(packs.list().map((pack) => pack.version)).to.deep.equal(['1.0.0', '1.1.0']);
    expect(packs.current.version).to.equal('1.1.0');
    const first = released.find((entry) => entry.version === '1.0.0')!;
    expect(packs.get(first).version).to.equal('1.0.0');
    expect(packs.newerThan(first).map((pack) => pack.version)).to.deep.equal(['1.1.0']);
    expect(packs.newerThan(packs.current)).to.deep.equal([]);
    expect(basename(packVersionFolders(packVersionsDirectory).at(-1) ?? '')).to.equal(packs.current.version);
  });
});
