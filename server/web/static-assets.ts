import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Express } from 'express';
import { fromProjectRoot } from '../../scripts/project-root.mjs';

const nhsukDirectory = join(dirname(createRequire(import.meta.url).resolve('nhsuk-frontend/package.json')), 'dist', 'nhsuk');
const ownDirectory = fromProjectRoot('server', 'web', 'assets');

interface Asset {
  type: string;
  body: Buffer;
}

/**
 * NHS.UK frontend's stylesheet without its @font-face rules: the Frutiger fonts are licensed and
 * served from assets.nhs.uk, which the Content-Security-Policy does not allow, so pages use the
 * stylesheet's own fallback (Arial). Source-map comments go too, as the maps are not served.
 */
function nhsukStylesheet(): Buffer {
  const css = readFileSync(join(nhsukDirectory, 'nhsuk-frontend.min.css'), 'utf8');
  return Buffer.from(css.replace(/@font-face\{[^}]*\}/g, '').replace(/\/\*# sourceMappingURL=[^*]*\*\//g, ''));
}

function withoutSourceMap(path: string): Buffer {
  return Buffer.from(readFileSync(path, 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, ''));
}

/**
 * Serves the pages' stylesheets and scripts from memory under /assets/<version>/, where the
 * version is a hash of their content, so they are cached for a year and a new release is fetched
 * at once; and NHS.UK frontend's images (which its stylesheet names as /assets/images/…) for a week.
 * Returns the versioned path the layout links to.
 */
export function mountStaticAssets(app: Express): string {
  const assets = new Map<string, Asset>([
    ['nhsuk-frontend.min.css', { type: 'text/css; charset=utf-8', body: nhsukStylesheet() }],
    ['nhsuk-frontend.min.js', { type: 'text/javascript; charset=utf-8', body: withoutSourceMap(join(nhsukDirectory, 'nhsuk-frontend.min.js')) }],
    ['app.css', { type: 'text/css; charset=utf-8', body: readFileSync(join(ownDirectory, 'app.css')) }],
    ['app.js', { type: 'text/javascript; charset=utf-8', body: readFileSync(join(ownDirectory, 'app.js')) }],
  ]);
  const hash = createHash('sha256');
  for (const [name, asset] of assets) hash.update(name).update(asset.body);
  const version = hash.digest('hex').slice(0, 12);

  app.get('/assets/:version/:file', (request, response, next) => {
    const asset = request.params.version === version ? assets.get(request.params.file) : undefined;
    if (asset === undefined) return next();
    response.type(asset.type).set('Cache-Control', 'public, max-age=31536000, immutable').send(asset.body);
  });
  // Set here, as every response starts private, no-store (security-headers.ts) and maxAge would not replace it.
  app.use('/assets/images', express.static(join(nhsukDirectory, 'assets', 'images'), { index: false, fallthrough: true, setHeaders: (response) => response.setHeader('Cache-Control', 'public, max-age=604800') }));
  return `/assets/${version}`;
}
