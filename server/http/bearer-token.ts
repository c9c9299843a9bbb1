import type { Request } from 'express';
import type { Principal } from '../../assessments/access/roles.ts';
import { UnauthenticatedError } from '../../assessments/errors.ts';
import type { IdentityService } from '../services/identity-service.ts';

/** The principal named by an "Authorization: Bearer …" header; null without one; 401 for a bad one. */
export async function principalFromBearer(request: Request, identity: IdentityService): Promise<Principal | null> {
  const header = request.get('authorization');
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (match === null) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>"');
  const principal = await identity.authenticate(match[1] as string);
  if (principal === null) throw new UnauthenticatedError('The API token is not valid, or has been revoked');
  return principal;
}
