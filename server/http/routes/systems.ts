import { z } from 'zod';
import type { Route } from '../route.ts';
import { newSuccession, newSystem, problem, succession, system, systemChange, systemCodeParams, systemFilter } from '../schemas.ts';

export const systemRoutes: Route[] = [
  {
    method: 'get',
    path: '/api/v1/systems',
    summary: 'List the systems (ICSs by their ICB code) in force in a period (default: the current one; includeEnded=true for all), filtered by NHS region and status',
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
  {
    method: 'get',
    path: '/api/v1/successions',
    summary: 'Every succession between systems (merger, split, acquisition), by date',
    tag: 'Systems',
    access: { kind: 'signed-in' },
    responses: { 200: { description: 'The successions', schema: z.array(succession) } },
    handle: async ({ services }) => ({ status: 200, body: await services.systems.successions() }),
  },
  {
    method: 'post',
    path: '/api/v1/successions',
    summary: 'Record a succession: a merger or split ends the predecessor on the date; the successor must be in force then',
    tag: 'Systems',
    access: { kind: 'admin' },
    body: newSuccession,
    responses: {
      201: { description: 'The succession recorded', schema: succession },
      409: { description: 'Already recorded', schema: problem },
      400: { description: 'A system is missing or not in force at the date', schema: problem },
    },
    handle: async ({ body, principal, services }) => ({ status: 201, body: await services.systems.recordSuccession(body, principal!) }),
  },
];
