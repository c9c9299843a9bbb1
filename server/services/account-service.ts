import { createHash } from 'node:crypto';
import type { Role } from '../../assessments/access/roles.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../assessments/errors.ts';
import { isDuplicateKey } from '../persistence/database-errors.ts';
import type { Models } from '../persistence/database.ts';
import type { Clock } from './clock.ts';
import type { IdentityService, NewUser, UserView } from './identity-service.ts';
import { hashPassword, oneTimePassword, passwordLength, unmatchableHash, verifyPassword } from './passwords.ts';
import type { SessionService } from './session-service.ts';
import type { SignInThrottle } from './sign-in-throttle.ts';

export type SignInOutcome = { kind: 'signed-in'; cookie: string; mustChangePassword: boolean } | { kind: 'refused' } | { kind: 'wait'; seconds: number };

/**
 * People's accounts on the web pages: signing in with email and password (throttled), passwords
 * (scrypt hashes; one-time passwords shown once to an administrator, which sign in once and must
 * then be changed), roles, and disabling, which ends the person's sessions at once.
 */
export class AccountService {
  constructor(
    private readonly models: Models,
    private readonly identity: IdentityService,
    private readonly sessions: SessionService,
    private readonly throttle: SignInThrottle,
    private readonly clock: Clock,
  ) {}

  /**
   * Signs in, starting a new session. An unknown email, a wrong password, a disabled account and a
   * one-time password already used are refused alike, after the same work; after too many failures
   * each attempt must wait a growing delay first (server/services/sign-in-throttle.ts).
   */
  async signIn(email: string, password: string, address: string): Promise<SignInOutcome> {
    const attempt = await this.throttle.begin(email, address);
    if (attempt.kind === 'wait') return attempt;
    const user = await this.models.users.findOne({ email: email.trim().toLowerCase() }).lean();
    const matches = await verifyPassword(password, user?.passwordHash ?? unmatchableHash);
    const oneTime = user?.passwordIsOneTime === true;
    if (user === null || !matches || user.disabledAt !== null || (oneTime && !(await this.spend(String(user._id), user.passwordHash!)))) {
      await attempt.settle('failure');
      return { kind: 'refused' };
    }
    await attempt.settle('success');
    return { kind: 'signed-in', cookie: await this.sessions.start(String(user._id)), mustChangePassword: oneTime };
  }

  /** Whether the person's password is a one-time password they must replace before anything else. */
  async mustChangePassword(userId: string): Promise<boolean> {
    return (await this.models.users.findById(userId, { passwordIsOneTime: 1 }).lean())?.passwordIsOneTime === true;
  }

  /** Creates a user with a one-time password, returned once to show to the administrator. */
  async createUser(input: NewUser, createdBy: string): Promise<{ user: UserView; password: string }> {
    const user = await this.identity.createUser(input, createdBy);
    return { user, password: await this.issuePassword(user.id) };
  }

  /** Gives a user a new one-time password (ending their sessions) and returns it, once. */
  async issuePassword(userId: string): Promise<string> {
    await this.identity.getUser(userId);
    const password = oneTimePassword();
    await this.setPassword(userId, password, { oneTime: true });
    await this.sessions.endAllOf(userId);
    return password;
  }

  /** Changes one's own password. Every session of the user ends: the page starts a new one for the person changing it. */
  async changePassword(userId: string, current: string, next: string): Promise<void> {
    const user = await this.models.users.findById(userId).lean();
    if (user === null) throw new NotFoundError(`There is no user ${userId}`);
    if (!(await verifyPassword(current, user.passwordHash ?? unmatchableHash))) throw new ValidationError('The password was not changed', [{ path: 'currentPassword', message: 'Your current password is not right' }]);
    const problem = passwordProblem(next, user.email);
    if (problem !== null) throw new ValidationError('The password was not changed', [{ path: 'newPassword', message: problem }]);
    await this.setPassword(userId, next, { oneTime: false });
    await this.models.spentOneTimePasswords.deleteMany({ userId });
    await this.sessions.endAllOf(userId);
  }

  /** Changes a user's role, and the system they belong to (required for a system user). */
  async changeRole(userId: string, role: Role, system: string | null): Promise<UserView> {
    if (role === 'system-user' && system === null) throw new ValidationError('The role was not changed', [{ path: 'system', message: 'A system user must belong to a system' }]);
    await this.identity.getUser(userId);
    await this.models.users.updateOne({ _id: userId }, { $set: { role, system } });
    return this.identity.getUser(userId);
  }

  /** Disables a user: their sessions end now, and neither their password nor their API tokens work any more. */
  async disable(userId: string, by: { userId: string }): Promise<UserView> {
    if (userId === by.userId) throw new ConflictError('You cannot disable your own account; ask another administrator');
    const user = await this.identity.getUser(userId);
    if (!user.disabled) await this.models.users.updateOne({ _id: userId }, { $set: { disabledAt: this.clock.now() } });
    await this.sessions.endAllOf(userId);
    return this.identity.getUser(userId);
  }

  private async setPassword(userId: string, password: string, { oneTime }: { oneTime: boolean }): Promise<void> {
    const { matchedCount } = await this.models.users.updateOne({ _id: userId }, { $set: { passwordHash: await hashPassword(password), passwordIsOneTime: oneTime } });
    if (matchedCount === 0) throw new NotFoundError(`There is no user ${userId}`);
  }

  /** Marks a one-time password used: true for the first sign-in with it, false ever after (a unique insert, so two racing cannot both win). */
  private async spend(userId: string, passwordHash: string): Promise<boolean> {
    try {
      await this.models.spentOneTimePasswords.create({ _id: createHash('sha256').update(passwordHash).digest('hex'), userId, spentAt: this.clock.now() });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }
}

/** What is wrong with a new password, or null: long enough (length over complexity, as NCSC advises) and not the email. */
function passwordProblem(password: string, email: string): string | null {
  if (password.length < passwordLength.min) return `Enter a password of at least ${passwordLength.min} characters`;
  if (password.length > passwordLength.max) return `Enter a password of at most ${passwordLength.max} characters`;
  if (password.trim().toLowerCase() === email.toLowerCase()) return 'Enter a password that is not your email address';
  return null;
}
