import { z } from 'zod';
import type { Route } from '../route.ts';
import { openApiDocument } from '../openapi.ts';
import { renderApiReference } from '../api-reference.ts';

/** The OpenAPI document, its readable reference page and the health check, made from the other routes. */
/** `starting` is true while work done after listening (the good practice index's rebuild) is under way. */
export function metaRoutes(apiRoutes: readonly Route[], version: string, databaseState: () => Promise<string>, starting: () => boolean): Route[] {
  let document: ReturnType<typeof openApiDocument> | undefined;
  const meta: Route[] = [
    {
      method: 'get',
      path: '/api/v1/openapi.json',
      summary: 'This API as an OpenAPI 3.1 document',
      tag: 'Meta',
      access: { kind: 'public' },
      responses: { 200: { description: 'The OpenAPI document', schema: z.record(z.string(), z.unknown()) } },
      handle: async () => ({ status: 200, body: (document ??= openApiDocument([...apiRoutes, ...meta], version)) }),
    },
    {
      method: 'get',
      path: '/api/v1/docs',
      summary: 'A readable reference of this API',
      tag: 'Meta',
      access: { kind: 'public' },
      responses: { 200: { description: 'HTML', type: 'text/html', schema: z.string() } },
      handle: async () => ({ status: 200, type: 'text/html', body: renderApiReference((document ??= openApiDocument([...apiRoutes, ...meta], version)) as Parameters<typeof renderApiReference>[0]) }),
    },
    {
      method: 'get',
      path: '/api/v1/health',
      summary: 'Whether the server and its database are up',
      tag: 'Meta',
      access: { kind: 'public' },
      responses: {
        200: { description: 'Up ("starting" while derived data is rebuilt after a start: good practice answers 503 until then)', schema: z.object({ status: z.enum(['ok', 'starting']), database: z.string() }) },
        503: { description: 'The database is unreachable', schema: z.object({ status: z.literal('degraded'), database: z.string() }) },
      },
      handle: async () => {
        const database = await databaseState();
        if (database !== 'connected') return { status: 503, body: { status: 'degraded', database }, headers: { 'Retry-After': '5' } };
        return { status: 200, body: { status: starting() ? 'starting' : 'ok', database } };
      },
    },
  ];
  return meta;
}
