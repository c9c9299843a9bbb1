import { basename } from 'node:path';
import { InvalidRulePackError } from '../errors.ts';
import { loadRulePack } from './load-pack.ts';
import { packVersionFolders } from './pack-versions.ts';
import type { RulePack } from './rule-pack.ts';

/**
 * Loads every version of a pack kept side by side under `directory` (or the one pack it is),
 * oldest first, each validated in full. Versions of one pack must share its id and differ in version.
 */
export async function loadPackVersions(directory: string): Promise<RulePack[]> {
  const folders = packVersionFolders(directory);
  if (folders.length === 0) throw new InvalidRulePackError([{ file: directory, path: '$', message: 'holds no rule pack: neither a manifest.json nor a version folder with one' }]);
  const packs = await Promise.all(folders.map((folder) => loadRulePack(folder)));
  const misnamed = folders.flatMap((folder, index) => (folder !== directory && basename(folder) !== packs[index]?.version ? [{ file: folder, path: '$.version', message: `is ${packs[index]?.version ?? '?'}, but the folder says ${basename(folder)}; name each version's folder by its version` }] : []));
  if (misnamed.length > 0) throw new InvalidRulePackError(misnamed);
  const ids = new Set(packs.map((pack) => pack.id));
  if (ids.size > 1) throw new InvalidRulePackError([{ file: directory, path: '$', message: `holds versions of different packs (${[...ids].join(', ')}); keep one pack's versions per folder` }]);
  return packs;
}
