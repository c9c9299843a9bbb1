import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildReportModel } from '../../../assessments/report-model/build-report-model.ts';
import type { ReportModel } from '../../../assessments/report-model/report-model.ts';
import { defaultPackDirectory } from '../../../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../../../assessments/rule-pack/load-pack.ts';
import type { RulePack } from '../../../assessments/rule-pack/rule-pack.ts';
import { loadHtmlRenderer, reportTemplateDirectory } from '../../../server/reports/html-renderer.ts';
import { reportFixtures, reportInputOf } from '../../support/report-fixtures.ts';

/** The running header's and footer's margin boxes in the report's CSS, with CSS string escapes decoded. */
function pageMargins(html: string): { top: string; bottom: string } {
  const decoded = (pattern: RegExp) => [...html.matchAll(pattern)].map((match) => match[0].replace(/\\([0-9a-f]{1,6}) ?/g, (_escape, hex: string) => String.fromCodePoint(parseInt(hex, 16)))).join('\n');
  return { top: decoded(/@top-(left|center|right) \{[^}]*\}/g), bottom: decoded(/@bottom-(left|right) \{[^}]*\}/g) };
}

/** HTML text back to what it says (the entities Handlebars writes). */
function decode(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function headings(html: string): Array<{ level: number; id: string | null; text: string }> {
  return [...html.matchAll(/<h([1-6])(?:\s+id="([^"]*)")?[^>]*>([\s\S]*?)<\/h\1>/g)].map((match) => ({ level: Number(match[1]), id: match[2] ?? null, text: decode(match[3] as string) }));
}

async function sample(name: string): Promise<ReportModel> {
  return JSON.parse(await readFile(join(reportTemplateDirectory, 'samples', `${name}.json`), 'utf8')) as ReportModel;
}

describe('report templates: the sample view-models rendered to HTML', () => {
  const renderer = loadHtmlRenderer();
  let pack: RulePack;
  before(async () => {
    pack = await loadRulePack(defaultPackDirectory);
  });

  for (const [name, fixture] of Object.entries(reportFixtures)) {
    describe(`sample "${name}"`, () => {
      let model: ReportModel;
      let html: string;
      before(async () => {
        model = await sample(name);
        html = renderer.report(model);
      });

      it('is what the model builder makes of its fixture today (run scripts/report-samples.ts after changing either)', async () => {
        expect(JSON.parse(JSON.stringify(await buildReportModel(await reportInputOf(await fixture(), pack))))).to.deep.equal(model);
      });

      it('is one self-contained HTML document: language, title, inline style, no script and nothing fetched', () => {
        expect(html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).to.equal(true);
        expect(decode(/<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '')).to.equal(model.document.title);
        expect(html).to.match(/<style>\s*\/\* The calibration report/);
        expect(html).to.not.match(/<script|<iframe|<img|<link|<object|<embed|\son[a-z]+=/i);
        expect(html.match(/\s(?:src|srcset|action|formaction|poster)=/gi)).to.equal(null);
        const links = [...html.matchAll(/\shref="([^"]*)"/g)].map((match) => match[1] as string);
        expect(links.filter((link) => !link.startsWith('#'))).to.deep.equal([]);
        const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((match) => match[1] as string);
        expect(new Set(ids).size).to.equal(ids.length);
        for (const link of links) expect(ids, `the target of ${link}`).to.include(link.slice(1));
      });

      it('has the sections as h1 in order, a h2 per criterion with its anchor, and no skipped heading level', () => {
        const all = headings(html);
        expect(all.filter((heading) => heading.level === 1).map((heading) => heading.text)).to.deep.equal(['ICS maturity calibration report', 'Executive summary', 'Calibration', 'Improvement', 'Criteria', 'Appendix']);
        const criteria = all.slice(all.findIndex((heading) => heading.text === 'Criteria') + 1, all.findIndex((heading) => heading.text === 'Appendix'));
        expect(criteria.map((heading) => heading.text)).to.deep.equal(pack.criteria.map((criterion) => criterion.title));
        expect(criteria.map((heading) => heading.id)).to.deep.equal(pack.criteria.map((criterion) => `criterion-${criterion.id}-heading`));
        for (const [index, heading] of all.entries()) if (index > 0) expect(heading.level, heading.text).to.be.at.most((all[index - 1] as { level: number }).level + 1);
      });

      it('gives every table a caption and every header cell a scope, and every chart an accessible name', () => {
        const tables = html.match(/<table[\s\S]*?<\/table>/g) ?? [];
        expect(tables.length).to.be.greaterThan(5);
        for (const table of tables) expect(table).to.match(/^<table[^>]*>\s*<caption/);
        expect(html.match(/<th(?=[\s>])(?![^>]*scope=)[^>]*>/g)).to.equal(null);
        const charts = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
        expect(charts.length, 'the band chart, the chart of scores by perspective and, with prevention evidence, its trajectory').to.equal(model.criteria.some((criterion) => criterion.trajectory !== null) ? 3 : 2);
        for (const chart of charts) {
          expect(chart).to.match(/^<svg [^>]*role="img" aria-labelledby="([a-z-]+)-title \1-desc"/);
          expect(chart).to.match(/<title id="[a-z-]+-title">[^<]+<\/title><desc id="[a-z-]+-desc">[^<]+<\/desc>/);
        }
      });

      it('shows the protective marking and, in calibration mode, the indicative label on the cover and in the running header', () => {
        const cover = decode(/<section class="cover"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '');
        expect(cover).to.contain('OFFICIAL').and.to.contain('Indicative — not a published rating').and.to.contain(model.cover.systemName).and.to.contain(`${pack.id} version ${pack.version}`);
        const margins = pageMargins(html);
        for (const piece of [model.cover.systemName, model.cover.period, 'OFFICIAL', 'Indicative — not a published rating']) expect(margins.top).to.contain(piece);
        expect(margins.bottom).to.contain(model.document.runningFooter).and.to.contain('"Page " counter(page) " of " counter(pages)');
      });
    });
  }

  it('the demo sample carries the agreed rating (the panel’s 2 on scrutiny, not the assessor’s 1), what it rests on, strengths, improvements, the path, divergence, agreement and moderation', async () => {
    const text = decode(renderer.report(await sample('demo')));
    for (const expected of [
      'Good',
      '25 of 36 points = 69% · Good band (63–87%), lower half',
      'No limiter applied',
      'What this rating rests on',
      'Moderated by the panel',
      "Assessor's judgement: overrode the rules' proposal",
      'Financial management gate: not well managed.',
      'These 8 changes would lift the rating from Good to Outstanding (89%).',
      'Effectiveness of Health Overview and Scrutiny Committees at system level: from 2 to 3',
      'Self-assessment 3 against assessor 1: a spread of 2 points.',
      'Self-assessment and assessor',
      'The panel agreed 2',
      'Assessor (overridden): The falls prevention example shows a sustained fall',
      'Prevention share of the ICS NHS budget against the expected rise of 1 percentage point over 5 years',
      'sha256:',
      'hosc-effectiveness/3',
      'NHS North East and North Cumbria Integrated Care Board (QHM)',
      'Fewer emergency admissions after falls',
      '2,120 (31 March 2025)',
      'Ahead',
      'More people with a learning disability having an annual health check',
      'Behind',
    ]) expect(text).to.contain(expected);
    const chart = /<svg[^>]*id="prevention-chart"[\s\S]*?<\/svg>/.exec(renderer.report(await sample('demo')))?.[0] ?? '';
    expect(chart).to.match(/<polyline points="[^"]+" fill="none" stroke="#005eb8"/);
    expect(chart).to.match(/<desc id="prevention-chart-desc">Prevention share of the ICS NHS budget by year/);
  });

  it('the draft sample is provisional and lists the indicators missing from the criteria not assessed', async () => {
    const text = decode(renderer.report(await sample('draft')));
    expect(text).to.contain('Provisional').and.to.contain('The financial management gate was not assessed.');
    expect(text).to.contain('Missing evidence is never scored as 1');
    expect(text).to.contain('Not assessed in the self-assessment perspective.');
    expect(text).to.contain('The system has not recorded its own priorities for this assessment.');
  });

  it('the gate-capped sample is capped at Good by the finance gate, and the way up is the gate', async () => {
    const text = decode(renderer.report(await sample('gate-capped')));
    expect(text).to.contain('Capped at Good.').and.to.contain('¶3.118');
    expect(text).to.contain('Financial management gate: from not well managed to well managed');
  });

  it('escapes text from evidence everywhere it appears, including the running header', async () => {
    const model = await sample('demo');
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    model.cover.systemName = payload;
    model.document.runningHeader.system = payload;
    const first = model.criteria[0] as ReportModel['criteria'][number];
    first.narratives = [{ perspective: 'Self-assessment', paragraphs: [payload], source: payload, asAt: '1 April 2025' }];
    const html = renderer.report(model);
    expect(html).to.not.contain('<script>').and.to.not.contain('<img');
    expect(html).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;');
    expect(pageMargins(html).top, 'the running header shows the text as it is, as a CSS string').to.contain(payload);
    expect(/@top-left \{ content: "[A-Za-z0-9 \\]*" "  ·  " "[A-Za-z0-9 \\]*";/.test(html), 'nothing but letters, digits, spaces and escapes inside the string').to.equal(true);
  });

  it('passes chart SVG through only when it carries nothing that could run or fetch', async () => {
    const model = await sample('demo');
    const chart = model.calibration.chart as NonNullable<ReportModel['calibration']['chart']>;
    for (const svg of [`${chart.svg.slice(0, -6)}<script>alert(1)</script></svg>`, chart.svg.replace('<title', '<image href="http://127.0.0.1/x"/><title'), '<b>not a chart</b>']) {
      model.calibration.chart = { ...chart, svg };
      expect(() => renderer.report(model)).to.throw(TypeError);
    }
  });
});
