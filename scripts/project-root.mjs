// The product's root folder (the one holding package.json), found by walking up from this file, so
// that files beside the code (views, assets, report templates, rules, reference data, demo data,
// the embedded database's sources) are found both from the TypeScript sources (run with tsx) and
// from the compiled JavaScript under build/ (`npm start`).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from) {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) throw new Error(`No package.json above ${from}: cannot find the product's root folder`);
  }
}

export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path under the product's root folder, e.g. fromProjectRoot('reference', 'icbs.csv'). */
export function fromProjectRoot(...segments) {
  return join(projectRoot, ...segments);
}
