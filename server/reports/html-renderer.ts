import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import type { Chart, ReportModel } from '../../assessments/report-model/report-model.ts';
import { fromProjectRoot } from '../../scripts/project-root.mjs';

/** The report's templates, partials and print CSS: report-templates/ at the root of the product. */
export const reportTemplateDirectory = fromProjectRoot('report-templates');

export interface HtmlRenderer {
  /** The whole report as one HTML document (CSS inline, with the running header and footer as the page's margin boxes; charts inline SVG; no scripts, no external resources). */
  report(model: ReportModel): string;
}

/**
 * Loads and compiles the report templates once, in their own Handlebars environment: report.hbs,
 * a partial per section (partials/*.hbs) and print.css. Every value is shown with {{ }}, so
 * Handlebars escapes it; the only markup passed through is the CSS file, chart SVG drawn by
 * assessments/report-model (its text escaped there) through the `svg` helper, and the running
 * header's and footer's text as CSS strings through the `cssString` helper.
 */
export function loadHtmlRenderer(directory = reportTemplateDirectory): HtmlRenderer {
  const handlebars = Handlebars.create();
  const read = (name: string) => readFileSync(join(directory, name), 'utf8');
  const compile = (name: string) => {
    const source = read(name);
    handlebars.parse(source); // a syntax error stops the start, not the first report
    return handlebars.compile(source, { strict: true });
  };
  for (const file of readdirSync(join(directory, 'partials')).filter((name) => name.endsWith('.hbs')).sort()) {
    const source = read(join('partials', file));
    handlebars.parse(source);
    handlebars.registerPartial(basename(file, '.hbs'), handlebars.compile(source, { strict: true }));
  }
  handlebars.registerHelper('svg', (chart: unknown) => new handlebars.SafeString(chartMarkup(chart)));
  handlebars.registerHelper('cssString', (text: unknown) => new handlebars.SafeString(cssString(String(text))));

  const report = compile('report.hbs');
  const css = new handlebars.SafeString(read('print.css'));
  return {
    report: (model) => report({ ...model, css }),
  };
}

/** A chart's SVG, refused if it is not a lone <svg> element or carries anything that could run or fetch (also the web pages' `svg` helper). */
export function chartMarkup(chart: unknown): string {
  const svg = (chart as Partial<Chart> | null)?.svg;
  if (typeof svg !== 'string' || !svg.startsWith('<svg ') || !svg.endsWith('</svg>') || svg.indexOf('<svg', 1) >= 0) throw new TypeError('The svg helper takes a chart drawn by the report model');
  if (/<script|<foreignobject|<image|<use|\son[a-z]+\s*=|href\s*=|url\s*\(/i.test(svg)) throw new TypeError('A chart may not carry scripts, links, images or external references');
  return svg;
}

/**
 * Text as a quoted CSS string for a margin box's `content`, inside the report's <style>: every
 * character but a letter, digit or space is a hex escape, so no text can end the string, the rule
 * or the style element.
 */
export function cssString(text: string): string {
  return `"${[...text].map((character) => (/[A-Za-z0-9 ]/.test(character) ? character : `\\${character.codePointAt(0)!.toString(16)} `)).join('')}"`;
}
