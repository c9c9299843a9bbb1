import { z } from 'zod';
import { roles } from '../../../../assessments/access/roles.ts';
import { odsCode } from '../../../../assessments/evidence/perspective-evidence.ts';
import type { Services } from '../../../services/services.ts';
import { roleNames } from '../../words.ts';

/** A role and, for a system user (or a board viewer limited to one system), the system: as chosen on the forms. */
export const roleChoice = z
  .object({
    role: z.enum(roles, { error: 'Select a role' }),
    system: z.union([z.literal('').transform(() => null), odsCode], { error: 'Select a system from the list' }),
  })
  .refine((choice) => choice.role !== 'system-user' || choice.system !== null, { path: ['system'], message: 'Select the system a system user belongs to' });

/** The radios for a role, with what each may do. */
export const roleOptions = [
  { value: 'admin', text: roleNames.admin, hint: 'Everything, including users, systems and rule packs' },
  { value: 'assessor', text: roleNames.assessor, hint: 'The assessor perspective, moderation, review steps, export and import' },
  { value: 'peer-reviewer', text: roleNames['peer-reviewer'], hint: 'The peer review perspective' },
  { value: 'system-user', text: roleNames['system-user'], hint: 'Their own system’s self-assessment only' },
  { value: 'board-viewer', text: roleNames['board-viewer'], hint: 'Reads assessments; limited to one system if one is chosen' },
];

/** The choices of system: none, then each active system by name. */
export async function systemOptions(services: Services): Promise<Array<{ value: string; text: string }>> {
  const systems = await services.systems.list({ status: 'active' });
  return [{ value: '', text: 'None' }, ...systems.map((system) => ({ value: system.odsCode, text: `${system.name} (${system.odsCode})` }))];
}
