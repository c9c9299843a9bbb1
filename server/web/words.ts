import type { Role } from '../../assessments/access/roles.ts';
import type { AssessmentStatus } from '../../assessments/workflow/status.ts';

/** The product's words for its codes, as people read them on the pages. */
export const roleNames: Record<Role, string> = {
  admin: 'Administrator',
  assessor: 'Assessor',
  'peer-reviewer': 'Peer reviewer',
  'system-user': 'System user',
  'board-viewer': 'Board viewer',
};

export const statusNames: Record<AssessmentStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  'in-review': 'In review',
  moderated: 'Moderated',
  published: 'Published',
};
