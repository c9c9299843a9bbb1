import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../../../../assessments/errors.ts';
import type { Services } from '../../../services/services.ts';
import { pageErrors, zodPageErrors, type PageError } from '../../form-errors.ts';
import type { PageResponse, PageRoute } from '../../page.ts';
import { roleChoice, roleOptions, systemOptions } from './user-form.ts';

const userParams = z.strictObject({ userId: z.string().regex(/^[0-9a-f]{24}$/) });

const newUserForm = z.intersection(
  z.object({
    name: z.string({ error: 'Enter the person’s name' }).trim().min(1, 'Enter the person’s name').max(200, 'Enter a name of at most 200 characters'),
    email: z.string({ error: 'Enter the person’s email address' }).trim().min(1, 'Enter the person’s email address').max(200, 'Enter an email address of at most 200 characters').pipe(z.email('Enter an email address in the correct format, like name@example.org')),
  }),
  roleChoice,
);

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const valuesOf = (form: Record<string, unknown>) => ({ name: text(form.name), email: text(form.email), role: text(form.role), system: text(form.system) });

async function newUserPage(services: Services, values: ReturnType<typeof valuesOf>, errors: PageError[]): Promise<PageResponse> {
  return { view: 'admin/user-new', title: 'Add a user', status: errors.length > 0 ? 400 : 200, model: { values, errors, roleOptions, systemOptions: await systemOptions(services) } };
}

async function userPage(services: Services, userId: string, errors: PageError[] = [], values?: { role: string; system: string }): Promise<PageResponse> {
  const user = await services.identity.getUser(userId);
  return {
    view: 'admin/user',
    title: `User: ${user.name}`,
    status: errors.length > 0 ? 400 : 200,
    model: { user, values: values ?? { role: user.role, system: user.system ?? '' }, errors, roleOptions, systemOptions: await systemOptions(services) },
  };
}

/** A system chosen on a form must exist: the error is the form's, on the system field. */
async function systemProblem(services: Services, system: string | null): Promise<PageError[]> {
  if (system === null) return [];
  try {
    await services.systems.get(system);
    return [];
  } catch (error) {
    if (error instanceof NotFoundError) return [{ href: '#system', text: 'Select a system from the list' }];
    throw error;
  }
}

/** One-time password pages show the secret once; the layout's Cache-Control: no-store keeps it out of caches. */
function passwordShown(title: string, heading: string, user: { id: string; name: string; email: string }, password: string): PageResponse {
  return { view: 'admin/one-time-password', title, model: { heading, user, password } };
}

/**
 * The form to add a user sent again, as a reload of the page showing their password does: the user
 * with that email already has exactly the name, role and system sent. The password is not shown
 * again (only its hash is kept); the page says so and offers to give a new one. Null for another
 * person with the same email, which is the form's error.
 */
async function addedBefore(services: Services, sent: { email: string; name: string; role: string; system: string | null }): Promise<PageResponse | null> {
  const user = (await services.identity.listUsers()).find((candidate) => candidate.email === sent.email.toLowerCase());
  if (user === undefined || user.name !== sent.name || user.role !== sent.role || user.system !== sent.system) return null;
  return { view: 'admin/user-added-before', title: `${user.name} was already added`, status: 409, model: { user } };
}

/** Administration of users: list, add (with a one-time password), change role or system, disable, new password. */
export const userAdminPages: PageRoute[] = [
  {
    method: 'get',
    path: '/admin/users',
    access: { kind: 'admin' },
    handle: async ({ services }) => ({ view: 'admin/users', title: 'Users', model: { users: await services.identity.listUsers() } }),
  },
  {
    method: 'get',
    path: '/admin/users/new',
    access: { kind: 'admin' },
    handle: async ({ services }) => newUserPage(services, { name: '', email: '', role: '', system: '' }, []),
  },
  {
    method: 'post',
    path: '/admin/users/new',
    access: { kind: 'admin' },
    handle: async ({ form, principal, services }) => {
      const values = valuesOf(form);
      const parsed = newUserForm.safeParse(form);
      if (!parsed.success) return newUserPage(services, values, zodPageErrors(parsed.error));
      const problems = await systemProblem(services, parsed.data.system);
      if (problems.length > 0) return newUserPage(services, values, problems);
      try {
        const { user, password } = await services.accounts.createUser(parsed.data, principal!.name);
        return passwordShown('User added', `${user.name} can now sign in`, user, password);
      } catch (error) {
        if (error instanceof ConflictError) return (await addedBefore(services, parsed.data)) ?? newUserPage(services, values, [{ href: '#email', text: 'A user with this email address already exists' }]);
        throw error;
      }
    },
  },
  {
    method: 'get',
    path: '/admin/users/:userId',
    access: { kind: 'admin' },
    params: userParams,
    handle: async ({ params, services }) => userPage(services, params.userId!),
  },
  {
    method: 'post',
    path: '/admin/users/:userId/role',
    access: { kind: 'admin' },
    params: userParams,
    handle: async ({ params, form, services }) => {
      const values = { role: text(form.role), system: text(form.system) };
      const parsed = roleChoice.safeParse(form);
      if (!parsed.success) return userPage(services, params.userId!, zodPageErrors(parsed.error), values);
      const problems = await systemProblem(services, parsed.data.system);
      if (problems.length > 0) return userPage(services, params.userId!, problems, values);
      try {
        const user = await services.accounts.changeRole(params.userId!, parsed.data.role, parsed.data.system);
        return { redirect: `/admin/users/${user.id}`, flash: `${user.name}’s role is changed` };
      } catch (error) {
        if (error instanceof ValidationError) return userPage(services, params.userId!, pageErrors(error.issues), values);
        throw error;
      }
    },
  },
  {
    method: 'post',
    path: '/admin/users/:userId/disable',
    access: { kind: 'admin' },
    params: userParams,
    handle: async ({ params, principal, services }) => {
      const user = await services.accounts.disable(params.userId!, principal!);
      return { redirect: `/admin/users/${user.id}`, flash: `${user.name} is disabled and signed out everywhere` };
    },
  },
  {
    method: 'post',
    path: '/admin/users/:userId/password',
    access: { kind: 'admin' },
    params: userParams,
    handle: async ({ params, services }) => {
      const user = await services.identity.getUser(params.userId!);
      const password = await services.accounts.issuePassword(user.id);
      return passwordShown('New password given', `${user.name} has a new password`, user, password);
    },
  },
];
