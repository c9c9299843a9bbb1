/** The roles a person or API token can hold. */
export const roles = ['admin', 'assessor', 'peer-reviewer', 'system-user', 'board-viewer'] as const;
export type Role = (typeof roles)[number];

/**
 * Who is asking. A system user always belongs to one system (ICB ODS code); a board viewer may be
 * limited to one system (an ICB board) or see all (a CQC panel).
 */
export interface Principal {
  userId: string;
  name: string;
  role: Role;
  system: string | null;
}
