import { expect } from 'chai';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPageViews } from '../../../server/web/views.ts';

const viewsDirectory = fileURLToPath(new URL('../../../server/web/views/', import.meta.url));
/** The real layout and partials, and one view that prints a chart. */
const fixtureViews = join(tmpdir(), `ics-views-${process.pid}`);
const layoutModel = { pageTitle: 'T', csrfToken: 'token', principal: null, flash: null, protectiveMarking: 'OFFICIAL', nav: [], assetPath: '/assets/x', errors: [], calibrationLabel: null };

describe('Page views', () => {
  before(async () => {
    await cp(viewsDirectory, fixtureViews, { recursive: true });
    await writeFile(join(fixtureViews, 'chart.hbs'), '<figure>{{svg chart}}</figure>');
  });
  after(() => rm(fixtureViews, { recursive: true, force: true }));

  it('never print unescaped ({{{ }}} or {{& }}): the only unescaped HTML is a rendered view in the layout, and charts through {{svg chart}}', async () => {
    const offences: string[] = [];
    for (const file of (await readdir(viewsDirectory, { recursive: true })).filter((name) => name.endsWith('.hbs'))) {
      const text = await readFile(join(viewsDirectory, file), 'utf8');
      if (/\{\{\{|\{\{~?\s*&/.test(text)) offences.push(file);
    }
    expect(offences).to.deep.equal([]);
  });

  it('escape what the model holds, in text and in attributes', () => {
    const html = loadPageViews().render('error', { ...layoutModel, heading: '<script>alert(1)</script>', message: '" onmouseover="x' });
    expect(html).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;').and.contain('&quot; onmouseover&#x3D;&quot;x').and.not.contain('<script>alert');
  });

  it('show a chart drawn by the report model through {{svg chart}}, and refuse any other markup there', () => {
    const views = loadPageViews(fixtureViews);
    const chart = { svg: '<svg xmlns="http://www.w3.org/2000/svg" role="img"><title>A chart</title><rect x="0" y="0" width="1" height="1"/></svg>' };
    expect(views.render('chart', { ...layoutModel, chart })).to.contain(chart.svg);
    for (const svg of ['<img src=x onerror=alert(1)>', '<svg onload="alert(1)"></svg>', '<svg><script>alert(1)</script></svg>', '<svg><a href="https://evil.example/">x</a></svg>']) {
      expect(() => views.render('chart', { ...layoutModel, chart: { svg } }), svg).to.throw(TypeError);
    }
  });

  it('refuse a view that does not exist, and the layout as a view', () => {
    const views = loadPageViews();
    expect(() => views.render('no/such-view', layoutModel)).to.throw('There is no view no/such-view');
    expect(() => views.render('layout', layoutModel)).to.throw('There is no view layout');
  });
});
