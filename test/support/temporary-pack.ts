import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPackDirectory } from '../../assessments/rule-pack/default-pack.ts';

/** A copy of the shipped pack in a temporary folder, for tests that change a pack without touching code. */
export interface TemporaryPack {
  directory: string;
  /** Rewrites one JSON file of the pack (path relative to the pack). */
  editJson(file: string, edit: (json: any) => void): Promise<void>;
  writeText(file: string, text: string): Promise<void>;
  remove(): Promise<void>;
}

export async function copyShippedPack(): Promise<TemporaryPack> {
  const directory = await mkdtemp(join(tmpdir(), 'ics-pack-'));
  await cp(defaultPackDirectory, directory, { recursive: true });
  return {
    directory,
    async editJson(file, edit) {
      const path = join(directory, file);
      const json = JSON.parse(await readFile(path, 'utf8'));
      edit(json);
      await writeFile(path, JSON.stringify(json, null, 2));
    },
    writeText: (file, text) => writeFile(join(directory, file), text),
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}
