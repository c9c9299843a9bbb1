import type { z } from 'zod';
import type { Principal } from '../../assessments/access/roles.ts';
import type { Services } from '../services/services.ts';

/**
 * Who may call a route, declared once per route and enforced by one middleware:
 * - `public`: anyone;
 * - `signed-in`: any valid token (what it returns is then limited to the caller's tenancy);
 * - `admin`: administrators only;
 * - `assessment`: the caller must be able to see the assessment named by `:id` (404 otherwise, so
 *   another tenant's records do not leak) and may do the named action to it (403 otherwise).
 *   `write-own-ambitions` is the system's own record (its priorities, its consent to share good
 *   practice): whoever may write the self-assessment may write it. `move-pack` moves an
 *   assessment to a newer version of its rule pack (assessors and administrators).
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'admin' }
  | { kind: 'assessment'; action: 'read' | 'write-perspective' | 'write-own-ambitions' | 'moderate' | 'advance' | 'transfer' | 'move-pack' };

export interface RouteRequest<Params = any, Query = any, Body = any> {
  principal: Principal | null;
  params: Params;
  query: Query;
  body: Body;
  services: Services;
}

export interface RouteResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Content type, when not JSON (e.g. the OpenAPI reference page). */
  type?: string;
}

export interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path, e.g. /api/v1/assessments/:id */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, { description: string; schema?: z.ZodType; type?: string }>;
  handle(request: RouteRequest): Promise<RouteResponse>;
}
