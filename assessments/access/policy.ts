import type { Perspective } from '../evidence/perspective-evidence.ts';
import type { Principal, Role } from './roles.ts';

/** What someone may try to do to an assessment. */
export type AssessmentAction =
  | { kind: 'read' }
  | { kind: 'create' }
  | { kind: 'write-perspective'; perspective: Perspective }
  | { kind: 'moderate' }
  | { kind: 'advance'; to: string }
  | { kind: 'transfer' }
  | { kind: 'move-pack' };

/** Which perspective each role writes: a person records only their own view. */
const perspectiveOf: Readonly<Partial<Record<Role, Perspective>>> = {
  'system-user': 'self',
  'peer-reviewer': 'peer',
  assessor: 'assessor',
};

/**
 * May this person see that this assessment exists? A system user sees only their own system's;
 * a board viewer limited to a system likewise. Refusals here are reported as 404, not 403, so that
 * another tenant's records do not leak their existence.
 */
export function canSee(principal: Principal, system: string): boolean {
  if (principal.role === 'system-user') return principal.system === system;
  if (principal.role === 'board-viewer') return principal.system === null || principal.system === system;
  return true;
}

/** May this person, who can see the assessment, do this to it? (403 when not.) */
export function mayDo(principal: Principal, action: AssessmentAction): boolean {
  const { role } = principal;
  if (role === 'admin') return true;
  switch (action.kind) {
    case 'read':
      return true;
    case 'create':
      return role === 'assessor' || role === 'system-user';
    case 'write-perspective':
      return perspectiveOf[role] === action.perspective;
    case 'moderate':
      return role === 'assessor';
    case 'advance':
      return action.to === 'submitted' ? role === 'system-user' || role === 'assessor' : role === 'assessor';
    case 'transfer':
    case 'move-pack':
      return role === 'assessor';
  }
}

/**
 * Calibration across systems compares every system's scores: not for a system's own team or a
 * board limited to one system (403).
 */
export function mayCalibrateAcrossSystems(principal: Principal): boolean {
  return principal.role !== 'system-user' && !(principal.role === 'board-viewer' && principal.system !== null);
}

/**
 * May this person see a perspective's proposed and judged scores and rationales? While the review
 * is blind, a peer reviewer does not see the assessor's, nor an assessor the peer's (each would
 * anchor on the other); the self-assessment stays visible to both, as their evidence. Everyone
 * else who can see the assessment sees every perspective.
 */
export function maySeePerspective(principal: Principal, perspective: Perspective, blind: boolean): boolean {
  if (!blind) return true;
  if (principal.role === 'peer-reviewer') return perspective !== 'assessor';
  if (principal.role === 'assessor') return perspective !== 'peer';
  return true;
}

/** Administration of systems, users and tokens is for administrators only. */
export function mayAdminister(principal: Principal): boolean {
  return principal.role === 'admin';
}
