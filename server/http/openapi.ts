import { z } from 'zod';
import type { Route } from './route.ts';
import { problem } from './schemas.ts';

/** Points references at the document's shared schemas: zod writes `#/$defs/Name` relative to each schema. */
function toComponentRefs(value: unknown, suffix: string): unknown {
  if (Array.isArray(value)) return value.map((item) => toComponentRefs(item, suffix));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, key === '$ref' && typeof item === 'string' && item.startsWith('#/$defs/') ? `#/components/schemas/${item.slice('#/$defs/'.length)}${suffix}` : toComponentRefs(item, suffix)]),
  );
}

/** The OpenAPI 3.1 document, generated from the route table and its zod schemas (never written by hand). */
export function openApiDocument(routes: readonly Route[], version: string): object {
  // Schemas given an id (.meta({ id })) are written once under components.schemas and referenced from each use.
  const schemas: Record<string, unknown> = {};
  const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
    const { $schema: _ignored, $defs, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as Record<string, unknown>;
    const suffix = io === 'input' ? 'Input' : '';
    for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, unknown>)) schemas[`${name}${suffix}`] ??= toComponentRefs(definition, suffix);
    return toComponentRefs(rest, suffix) as Record<string, unknown>;
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters: object[] = [];
    for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
      if (schema === undefined) continue;
      for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
        parameters.push({ name, in: where, required: where === 'path' || !field.safeParse(undefined).success, schema: jsonSchema(field, 'input') });
      }
    }
    const responses: Record<string, object> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      responses[status] = { description: response.description, ...(response.schema === undefined ? {} : { content: { [response.type ?? (Number(status) >= 400 ? 'application/problem+json' : 'application/json')]: { schema: jsonSchema(response.schema, 'output') } } }) };
    }
    const problemContent = { 'application/problem+json': { schema: jsonSchema(problem, 'output') } };
    if (route.access.kind !== 'public') responses['401'] ??= { description: 'No valid API token', content: problemContent };
    if (route.access.kind === 'admin' || route.access.kind === 'assessment') responses['403'] ??= { description: 'Not allowed for your role', content: problemContent };
    // A path that does not name a valid thing, or names another tenant's, is 404 (mount-routes.ts, authorise.ts).
    if (route.params !== undefined) responses['404'] ??= { description: 'Nothing is found at this address (or it is not yours to see)', content: problemContent };
    // Every route refuses what it does not declare (an unknown query parameter, too), with every field error.
    responses['400'] ??= { description: 'Invalid request: every field error', content: problemContent };
    if (route.body !== undefined) {
      responses['413'] ??= { description: 'Body too large', content: problemContent };
      responses['415'] ??= { description: 'Body is not JSON', content: problemContent };
    }
    // Writes are rate-limited per user, and reports in flight per user (issue 13).
    if (route.access.kind !== 'public') responses['429'] ??= { description: 'Too many writes or reports from you just now; try again after Retry-After', content: problemContent };
    responses['503'] ??= { description: 'The database is unreachable; try again', content: problemContent };
    (paths[path] ??= {})[route.method] = {
      summary: route.summary,
      tags: [route.tag],
      'x-access': route.access,
      ...(route.access.kind === 'public' ? { security: [] } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body === undefined ? {} : { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } }),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'ICS maturity assessment API', version, description: 'CQC-style maturity assessment of integrated care systems against Hewitt Review ¶3.122. Authenticate with "Authorization: Bearer <token>".' },
    servers: [{ url: '/' }],
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
