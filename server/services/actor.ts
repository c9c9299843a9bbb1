import type { Principal } from '../../assessments/access/roles.ts';

/** Who did something, as kept in history and audit: the user's id and name at the time. */
export interface Actor {
  userId: string;
  name: string;
}

export function actorOf(principal: Principal): Actor {
  return { userId: principal.userId, name: principal.name };
}
