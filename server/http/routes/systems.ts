import { z } from 'zod';
import type { Route } from '../route.ts';
import { newSystem, problem, system, systemChange, systemCodeParams, systemFilter } from '../schemas.ts';

export const systemRoutes: Route[] = [
  {
    method: 'get',
    path: '/api/v1/systems',
    summary: 'List systems (ICSs by their ICB code), filtered by NHS region and status',
    tag: 'Systems',
    access: { kind: 'signed-in' },
    query: systemFilter,
    responses: { 200: { description: 'The systems', schema: z.array(system) } },
    handle: async ({ query, services }) => ({ status: 200, body: await services.systems.list(query) }),
  },
  {
    method: 'get',
    path: '/api/v1/systems/:code',
    summary: 'One system with its history of renames, mergers and retirement',
    tag: 'Systems',
    access: { kind: 'signed-in' },
    params: systemCodeParams,
    responses: { 200: { description: 'The system', schema: system }, 404: { description: 'No such system', schema: problem } },
    handle: async ({ params, services }) => ({ status: 200, body: await services.systems.get(params.code) }),
  },
  {
    method: 'post',
    path: '/api/v1/systems',
    summary: 'Add a system',
    tag: 'Systems',
    access: { kind: 'admin' },
    body: newSystem,
    responses: { 201: { description: 'The new system', schema: system }, 409: { description: 'The code is taken', schema: problem } },
    handle: async ({ body, principal, services }) => ({ status: 201, body: await services.systems.create(body, principal!) }),
  },
  {
    method: 'patch',
    path: '/api/v1/systems/:code',
    summary: 'Rename a system, or retire it (optionally as merged into another); the history is kept',
    tag: 'Systems',
    access: { kind: 'admin' },
    params: systemCodeParams,
    body: systemChange,
    responses: { 200: { description: 'The changed system', schema: system }, 409: { description: 'Changed since the version given', schema: problem } },
    handle: async ({ params, body, principal, services }) => ({
      status: 200,
      body: body.action === 'rename' ? await services.systems.rename(params.code, body, principal!) : await services.systems.retire(params.code, body, principal!),
    }),
  },
];
