import { z } from 'zod';
import { period } from '../../../assessments/evidence/perspective-evidence.ts';
import type { Route } from '../route.ts';
import { problem, systemCodeParams } from '../schemas.ts';

const point = z.looseObject({ period: z.string(), assessmentId: z.string(), system: z.string(), rating: z.unknown(), percentage: z.number().nullable(), scores: z.record(z.string(), z.number().nullable()), differentRules: z.unknown() });
const trend = z
  .looseObject({
    system: z.string(),
    name: z.string(),
    periods: z.array(z.string()),
    criteria: z.array(z.object({ id: z.string(), title: z.string() })),
    series: z.array(z.looseObject({ system: z.string(), name: z.string(), role: z.enum(['system', 'predecessor']), until: z.string().nullable(), succeeded: z.array(z.string()), points: z.array(point) })),
  })
  .meta({ id: 'SystemTrend' });

export const trendRoutes: Route[] = [
  {
    method: 'get',
    path: '/api/v1/systems/:code/trend',
    summary: 'A system’s rating, percentage and final score per criterion across periods, with each predecessor’s own series up to its succession; a point scored under different rules from the one before says what changed',
    tag: 'Trends',
    access: { kind: 'signed-in' },
    params: systemCodeParams,
    responses: { 200: { description: 'The trend', schema: trend }, 404: { description: 'No such system (or not yours)', schema: problem } },
    handle: async ({ params, principal, services }) => ({ status: 200, body: await services.trends.forSystem(params.code, principal!) }),
  },
  {
    method: 'get',
    path: '/api/v1/systems/:code/trend.csv',
    summary: 'A system’s trend as CSV, one row per point',
    tag: 'Trends',
    access: { kind: 'signed-in' },
    params: systemCodeParams,
    responses: { 200: { description: 'CSV', type: 'text/csv', schema: z.string() }, 404: { description: 'No such system (or not yours)', schema: problem } },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      type: 'text/csv; charset=utf-8',
      body: await services.trends.csv(params.code, principal!),
      headers: { 'Content-Disposition': `attachment; filename="trend-${params.code}.csv"` },
    }),
  },
  {
    method: 'get',
    path: '/api/v1/national',
    summary: 'The national view of a period: each system in force, its rating beside its previous period’s (or its predecessors’), with the change',
    tag: 'Trends',
    access: { kind: 'signed-in' },
    query: z.strictObject({ period }),
    responses: { 200: { description: 'One row per system in force', schema: z.looseObject({ period: z.string(), previousPeriod: z.string(), rows: z.array(z.unknown()) }) }, 403: { description: 'System users and system-limited board viewers do not see other systems', schema: problem } },
    handle: async ({ query, principal, services }) => ({ status: 200, body: await services.trends.national(query.period, principal!) }),
  },
];
