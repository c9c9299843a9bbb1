import type { AssessmentAction } from '../../assessments/access/policy.ts';
import { mayAdminister } from '../../assessments/access/policy.ts';
import type { Principal } from '../../assessments/access/roles.ts';
import { ForbiddenError, UnauthenticatedError } from '../../assessments/errors.ts';
import type { Perspective } from '../../assessments/evidence/perspective-evidence.ts';
import type { Services } from '../services/services.ts';
import type { Access } from './route.ts';

/**
 * Enforces a route's declared access rule before its handler runs. For assessment routes the
 * assessment is looked up: one the caller may not see is "not found" (404), one they may see but
 * not act on is "forbidden" (403). Services check again with the same policy (defence in depth).
 */
export async function authorise(access: Access, principal: Principal | null, params: Record<string, string>, body: unknown, services: Services): Promise<void> {
  if (access.kind === 'public') return;
  if (principal === null) throw new UnauthenticatedError('Send an API token as "Authorization: Bearer <token>"');
  if (access.kind === 'signed-in') return;
  if (access.kind === 'admin') {
    if (!mayAdminister(principal)) throw new ForbiddenError('Only an administrator may do this');
    return;
  }
  await services.assessments.authorised(params.id ?? '', principal, actionOf(access.action, params, body));
}

function actionOf(action: Extract<Access, { kind: 'assessment' }>['action'], params: Record<string, string>, body: unknown): AssessmentAction {
  switch (action) {
    case 'write-perspective':
      return { kind: 'write-perspective', perspective: params.perspective as Perspective };
    case 'write-own-ambitions':
      return { kind: 'write-perspective', perspective: 'self' };
    case 'advance': {
      const to = (body as { to?: unknown } | undefined)?.to;
      return { kind: 'advance', to: typeof to === 'string' ? to : 'submitted' };
    }
    default:
      return { kind: action };
  }
}
