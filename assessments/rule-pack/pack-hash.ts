import { createHash } from 'node:crypto';

/**
 * The content hash of a pack: sha256 over each file that affects scoring (the manifest and the
 * criterion files), taken in path order as `path NUL bytes NUL`. Cases and the changelog are not
 * hashed: they test a pack but do not change what it decides.
 */
export function packHash(files: ReadonlyArray<{ path: string; bytes: Buffer }>): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(file.path).update('\0').update(file.bytes).update('\0');
  }
  return `sha256:${hash.digest('hex')}`;
}
