import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import Handlebars from 'handlebars';
import { fromProjectRoot } from '../../scripts/project-root.mjs';
import { chartMarkup } from '../reports/html-renderer.ts';
import { viewHelpers } from './view-helpers.ts';

export interface PageViews {
  /** Renders a view inside the layout. Every name a template prints must be in the model (null is fine). */
  render(view: string, model: Record<string, unknown>): string;
}

const viewsDirectory = fromProjectRoot('server', 'web', 'views');

/**
 * Compiles every template under server/web/views once, in strict mode (printing a name the model
 * lacks is an error, not an empty string): `layout.hbs`, the partials in `partials/` (used as
 * `{{> name}}`, or `{{> folder/name}}` for those in subfolders), and the views, named by their
 * path without .hbs. Output is escaped: the only unescaped HTML is a rendered view placed in the
 * layout, and a chart's SVG through `{{svg chart}}` (checked to be a lone <svg> that runs and fetches nothing).
 */
export function loadPageViews(directory: string = viewsDirectory): PageViews {
  const handlebars = Handlebars.create();
  handlebars.registerHelper(viewHelpers);
  // The one helper whose output is not escaped: a chart drawn by assessments/report-model, vetted as the report's are.
  // A new random token for each form rendered, so a repeat of its POST (a double click) applies once (form-submissions.ts).
  handlebars.registerHelper('formToken', () => randomUUID());
  handlebars.registerHelper('svg', (chart: unknown) => new handlebars.SafeString(chartMarkup(chart)));
  const views = new Map<string, HandlebarsTemplateDelegate>();
  for (const file of readdirSync(directory, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!file.endsWith('.hbs')) continue;
    const name = file.slice(0, -'.hbs'.length).split(sep).join('/');
    const template = handlebars.compile(readFileSync(join(directory, file), 'utf8'), { strict: true });
    if (name.startsWith('partials/')) handlebars.registerPartial(name.slice('partials/'.length), template);
    else views.set(name, template);
  }
  const layout = views.get('layout');
  if (layout === undefined) throw new Error(`There is no layout.hbs in ${directory}`);
  return {
    render(view, model) {
      const template = views.get(view);
      if (template === undefined || view === 'layout') throw new Error(`There is no view ${view}`);
      return layout({ ...model, content: new handlebars.SafeString(template(model)) });
    },
  };
}
