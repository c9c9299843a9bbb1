import { z } from 'zod';
import { ValidationError } from '../../../assessments/errors.ts';
import { pageErrors, zodPageErrors } from '../form-errors.ts';
import { localPath } from '../local-path.ts';
import type { PageRoute } from '../page.ts';

const signInForm = z.object({
  email: z.string({ error: 'Enter your email address' }).trim().min(1, 'Enter your email address').max(200, 'Enter an email address of at most 200 characters'),
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(1000, 'Enter a password of at most 1000 characters'),
});

const changePasswordForm = z
  .object({
    currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password').max(1000, 'Enter a password of at most 1000 characters'),
    newPassword: z.string({ error: 'Enter a new password' }).min(1, 'Enter a new password'),
    confirmPassword: z.string({ error: 'Enter the new password again' }),
  })
  .refine((form) => form.newPassword === form.confirmPassword, { path: ['confirmPassword'], message: 'Enter the same new password twice' });

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Signing in and out, and changing one's own password. */
export const accountPages: PageRoute[] = [
  {
    method: 'get',
    path: '/sign-in',
    access: { kind: 'public' },
    handle: async ({ principal, query }) => {
      if (principal !== null) return { redirect: localPath(query.next) };
      return { view: 'account/sign-in', title: 'Sign in', model: { values: { email: '' }, next: localPath(query.next) } };
    },
  },
  {
    method: 'post',
    path: '/sign-in',
    access: { kind: 'public' },
    handle: async ({ form, services, address }) => {
      const next = localPath(form.next);
      const again = (errors: ReturnType<typeof pageErrors>, status: number) => ({ view: 'account/sign-in', title: 'Sign in', status, model: { values: { email: text(form.email) }, next, errors } });
      const parsed = signInForm.safeParse(form);
      if (!parsed.success) return again(zodPageErrors(parsed.error), 400);
      const outcome = await services.accounts.signIn(parsed.data.email, parsed.data.password, address);
      switch (outcome.kind) {
        case 'signed-in':
          return { redirect: outcome.mustChangePassword ? '/account/password' : next, session: outcome.cookie };
        case 'wait':
          return { ...again([{ href: '#email', text: `Too many attempts to sign in have failed, so signing in is paused for a moment. Try again in ${outcome.seconds} ${outcome.seconds === 1 ? 'second' : 'seconds'}.` }], 429), headers: { 'Retry-After': String(outcome.seconds) } };
        case 'refused':
          return again([{ href: '#email', text: 'The email address or the password is not right' }], 400);
      }
    },
  },
  {
    method: 'post',
    path: '/sign-out',
    access: { kind: 'signed-in' },
    handle: async () => ({ redirect: '/sign-in', flash: 'You have signed out', session: null }),
  },
  {
    method: 'get',
    path: '/account/password',
    access: { kind: 'signed-in' },
    handle: async ({ principal, services }) => ({ view: 'account/change-password', title: 'Change your password', model: { oneTime: await services.accounts.mustChangePassword(principal!.userId) } }),
  },
  {
    method: 'post',
    path: '/account/password',
    access: { kind: 'signed-in' },
    handle: async ({ form, principal, services }) => {
      const again = async (errors: ReturnType<typeof pageErrors>) => ({ view: 'account/change-password', title: 'Change your password', status: 400, model: { errors, oneTime: await services.accounts.mustChangePassword(principal!.userId) } });
      const parsed = changePasswordForm.safeParse(form);
      if (!parsed.success) return again(zodPageErrors(parsed.error));
      try {
        await services.accounts.changePassword(principal!.userId, parsed.data.currentPassword, parsed.data.newPassword);
      } catch (error) {
        if (error instanceof ValidationError) return again(pageErrors(error.issues));
        throw error;
      }
      return { redirect: '/', flash: 'Your password has been changed. You are signed out everywhere else.', session: await services.sessions.start(principal!.userId) };
    },
  },
];
