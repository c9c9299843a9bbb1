import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { fromProjectRoot } from '../../scripts/project-root.mjs';

const template = Handlebars.compile(readFileSync(fromProjectRoot('server', 'http', 'views', 'api-reference.hbs'), 'utf8'), { strict: true });

const accessWords: Record<string, string> = {
  public: 'anyone',
  'signed-in': 'anyone with an API token (results limited to what they may see)',
  admin: 'administrators',
};

type Operation = { summary: string; tags: string[]; 'x-access': { kind: string; action?: string }; parameters?: Array<{ name: string; in: string; required: boolean }>; requestBody?: { content: { 'application/json': { schema: unknown } } }; responses: Record<string, { description: string }> };

/** A readable HTML reference of the API, rendered from the OpenAPI document (escaped by Handlebars). */
export function renderApiReference(document: { info: { title: string; version: string; description: string }; paths: Record<string, Record<string, Operation>> }): string {
  const groups = new Map<string, Array<Record<string, unknown>>>();
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const access = operation['x-access'];
      const list = groups.get(operation.tags[0] ?? 'Other') ?? [];
      list.push({
        anchor: `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-'),
        method,
        path,
        summary: operation.summary,
        access: access.kind === 'assessment' ? `whoever may see the assessment and ${access.action} it (others get 404 or 403)` : accessWords[access.kind] ?? access.kind,
        parameters: operation.parameters ?? [],
        requestBody: operation.requestBody === undefined ? '' : JSON.stringify(operation.requestBody.content['application/json'].schema, null, 2),
        responses: Object.entries(operation.responses).map(([status, response]) => ({ status, description: response.description })),
      });
      groups.set(operation.tags[0] ?? 'Other', list);
    }
  }
  return template({
    title: document.info.title,
    version: document.info.version,
    description: document.info.description,
    groups: [...groups].map(([name, routes]) => ({ id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), name, routes })),
  });
}
