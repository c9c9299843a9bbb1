import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Orders semantic versions (1.0.0 < 1.1.0 < 1.10.0); a pre-release sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const [coreA = '', preA] = a.split('-', 2);
  const [coreB = '', preB] = b.split('-', 2);
  const partsA = coreA.split('.').map(Number);
  const partsB = coreB.split('.').map(Number);
  for (let index = 0; index < 3; index += 1) {
    const difference = (partsA[index] ?? 0) - (partsB[index] ?? 0);
    if (difference !== 0) return difference;
  }
  if (preA === preB) return 0;
  if (preA === undefined) return 1;
  if (preB === undefined) return -1;
  return preA < preB ? -1 : 1;
}

/**
 * The pack folders a directory holds, oldest version first: the directory itself when it is one
 * pack (it has a manifest.json), else each sub-folder named by its version that has one
 * (rules/hewitt-3.122/1.0.0/, 1.1.0/, …: released versions side by side, never edited).
 */
export function packVersionFolders(directory: string): string[] {
  if (existsSync(join(directory, 'manifest.json'))) return [directory];
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(directory, entry.name, 'manifest.json')))
    .map((entry) => entry.name)
    .sort(compareVersions)
    .map((name) => join(directory, name));
}
