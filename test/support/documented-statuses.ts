import { openApiDocument } from '../../server/http/openapi.ts';
import type { Route } from '../../server/http/route.ts';

/** The statuses the OpenAPI document says a route may answer: anything else is undocumented behaviour. */
export function documentedStatuses(routes: readonly Route[]): (route: Route) => number[] {
  const document = openApiDocument(routes, 'test') as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
  return (route) => Object.keys(document.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method]?.responses ?? {}).map(Number);
}
