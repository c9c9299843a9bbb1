import { z } from 'zod';
import type { Route } from '../route.ts';
import { newToken, newUser, problem, token, tokenParams, user } from '../schemas.ts';

export const administrationRoutes: Route[] = [
  {
    method: 'get',
    path: '/api/v1/users',
    summary: 'List users and their roles',
    tag: 'Administration',
    access: { kind: 'admin' },
    responses: { 200: { description: 'The users', schema: z.array(user) } },
    handle: async ({ services }) => ({ status: 200, body: await services.identity.listUsers() }),
  },
  {
    method: 'post',
    path: '/api/v1/users',
    summary: 'Add a user with a role (a system user belongs to one system)',
    tag: 'Administration',
    access: { kind: 'admin' },
    body: newUser,
    responses: { 201: { description: 'The new user', schema: user }, 404: { description: 'No such system', schema: problem }, 409: { description: 'The email is taken', schema: problem } },
    handle: async ({ body, principal, services }) => {
      if (body.system !== null) await services.systems.get(body.system);
      return { status: 201, body: await services.identity.createUser(body, principal!.name) };
    },
  },
  {
    method: 'get',
    path: '/api/v1/tokens',
    summary: 'List API tokens (never their secrets)',
    tag: 'Administration',
    access: { kind: 'admin' },
    responses: { 200: { description: 'The tokens', schema: z.array(token) } },
    handle: async ({ services }) => ({ status: 200, body: await services.identity.listTokens() }),
  },
  {
    method: 'post',
    path: '/api/v1/tokens',
    summary: 'Make an API token for a user; the secret is in this response only (stored hashed)',
    tag: 'Administration',
    access: { kind: 'admin' },
    body: newToken,
    responses: { 201: { description: 'The token and its secret, shown once', schema: z.object({ token, secret: z.string() }) }, 404: { description: 'No such user', schema: problem } },
    handle: async ({ body, principal, services }) => ({ status: 201, body: await services.identity.issueToken(body.userId, body.name, principal!.name) }),
  },
  {
    method: 'delete',
    path: '/api/v1/tokens/:id',
    summary: 'Revoke an API token',
    tag: 'Administration',
    access: { kind: 'admin' },
    params: tokenParams,
    responses: { 200: { description: 'The revoked token', schema: token }, 404: { description: 'No such active token', schema: problem } },
    handle: async ({ params, services }) => ({ status: 200, body: await services.identity.revokeToken(params.id) }),
  },
];
