import { createHash, randomBytes } from 'node:crypto';
import type { Principal, Role } from '../../assessments/access/roles.ts';
import { ConflictError, NotFoundError } from '../../assessments/errors.ts';
import { isDuplicateKey } from '../persistence/database-errors.ts';
import type { Models } from '../persistence/database.ts';
import type { Clock } from './clock.ts';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  system: string | null;
}

export interface UserView extends NewUser {
  id: string;
  createdAt: Date;
  disabled: boolean;
}

/** A token as listed: never its secret, which exists only in the response that created it. */
export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  userId: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const tokenPrefix = 'icsm_';

function hashToken(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The principal a stored user acts as, whether through an API token or a signed-in session. */
export function principalOf(user: { _id: unknown; name: string; role: string; system?: string | null }): Principal {
  return { userId: String(user._id), name: user.name, role: user.role as Role, system: user.system ?? null };
}

/** People, their roles, and API tokens (hashed at rest, shown once). */
export class IdentityService {
  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
  ) {}

  async createUser(input: NewUser, createdBy: string): Promise<UserView> {
    try {
      const user = await this.models.users.create({ ...input, email: input.email.toLowerCase(), createdAt: this.clock.now(), createdBy });
      return this.view(user.toObject());
    } catch (error) {
      if (isDuplicateKey(error)) throw new ConflictError(`A user with the email ${input.email} already exists`);
      throw error;
    }
  }

  async listUsers(): Promise<UserView[]> {
    const users = await this.models.users.find({}).sort({ email: 1 }).lean();
    return users.map((user) => this.view(user));
  }

  async getUser(id: string): Promise<UserView> {
    const user = /^[0-9a-f]{24}$/.test(id) ? await this.models.users.findById(id).lean() : null;
    if (user === null) throw new NotFoundError(`There is no user ${id}`);
    return this.view(user);
  }

  /** Makes a token for a user. The secret is returned once and only its sha256 is kept. */
  async issueToken(userId: string, name: string, createdBy: string): Promise<{ token: TokenView; secret: string }> {
    const user = await this.getUser(userId);
    if (user.disabled) throw new ConflictError(`The user ${user.email} is disabled`);
    const secret = `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
    const created = await this.models.apiTokens.create({ _id: hashToken(secret), prefix: secret.slice(0, tokenPrefix.length + 6), name, userId, createdAt: this.clock.now(), createdBy, revokedAt: null });
    return { token: this.tokenView(created.toObject()), secret };
  }

  async listTokens(): Promise<TokenView[]> {
    const tokens = await this.models.apiTokens.find({}).sort({ createdAt: 1 }).lean();
    return tokens.map((token) => this.tokenView(token));
  }

  async revokeToken(id: string): Promise<TokenView> {
    const token = /^[0-9a-f]{64}$/.test(id) ? await this.models.apiTokens.findOneAndUpdate({ _id: id, revokedAt: null }, { $set: { revokedAt: this.clock.now() } }, { returnDocument: 'after' }).lean() : null;
    if (token === null) throw new NotFoundError(`There is no active token ${id}`);
    return this.tokenView(token);
  }

  /** The principal a bearer token stands for, or null for an unknown, revoked or disabled one. */
  async authenticate(secret: string): Promise<Principal | null> {
    if (!secret.startsWith(tokenPrefix) || secret.length > 200) return null;
    const token = await this.models.apiTokens.findById(hashToken(secret)).lean();
    if (token === null || token.revokedAt !== null) return null;
    const user = await this.models.users.findById(token.userId).lean();
    if (user === null || user.disabledAt !== null) return null;
    return principalOf(user);
  }

  async countUsers(): Promise<number> {
    return this.models.users.estimatedDocumentCount();
  }

  private view(user: { _id: unknown; email: string; name: string; role: string; system?: string | null; createdAt: Date; disabledAt?: Date | null }): UserView {
    return { id: String(user._id), email: user.email, name: user.name, role: user.role as Role, system: user.system ?? null, createdAt: user.createdAt, disabled: user.disabledAt != null };
  }

  private tokenView(token: { _id: unknown; name: string; prefix: string; userId: string; createdAt: Date; revokedAt?: Date | null }): TokenView {
    return { id: String(token._id), name: token.name, prefix: token.prefix, userId: token.userId, createdAt: token.createdAt, revokedAt: token.revokedAt ?? null };
  }
}
