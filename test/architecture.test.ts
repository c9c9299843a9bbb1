import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const forbidden = ['express', 'mongoose', 'mongodb', 'puppeteer', 'puppeteer-core', 'handlebars'];

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(join(root, folder), { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && /\.(ts|js|mjs|json)$/.test(entry.name)).map((entry) => join(entry.parentPath, entry.name));
}

/** Every module specifier a file imports or re-exports, statically or dynamically. */
function importsOf(text: string): string[] {
  const specifiers: string[] = [];
  for (const match of text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g)) {
    specifiers.push((match[1] ?? match[2] ?? match[3]) as string);
  }
  return specifiers;
}

describe('architecture', () => {
  for (const folder of ['assessments', 'rules']) {
    it(`${folder}/ is pure domain: it imports nothing from server/ nor express, mongoose, puppeteer or handlebars`, async () => {
      const offences: string[] = [];
      const files = await sourceFiles(folder);
      expect(files.length).to.be.greaterThan(0);
      for (const file of files) {
        const name = relative(root, file);
        for (const specifier of importsOf(await readFile(file, 'utf8'))) {
          const packageName = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
          if (forbidden.includes(packageName as string) || /(^|\/)server\//.test(specifier)) offences.push(`${name} imports ${specifier}`);
        }
      }
      expect(offences).to.deep.equal([]);
    });
  }

  it('the import scanner sees static, re-exported and dynamic imports (so the rule above can fail)', () => {
    const text = `import { x } from 'express';\nexport { y } from "../server/main.ts";\nconst z = await import('mongoose');\nimport 'puppeteer-core';`;
    expect(importsOf(text)).to.deep.equal(['express', '../server/main.ts', 'mongoose', 'puppeteer-core']);
  });
});
