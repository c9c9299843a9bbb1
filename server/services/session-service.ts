import { createHash, randomBytes } from 'node:crypto';
import { trusted } from 'mongoose';
import type { Principal } from '../../assessments/access/roles.ts';
import type { Models } from '../persistence/database.ts';
import type { Clock } from './clock.ts';
import { principalOf } from './identity-service.ts';

export interface SessionSettings {
  /** A session unused for this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, however much it is used. */
  absoluteMs: number;
}

/** A session found from its cookie: who it is, the token its forms must carry, and whether they must first set their own password. */
export interface SignedInSession {
  id: string;
  principal: Principal;
  csrfToken: string;
  /** Signed in with a one-time password: every page but changing it (and signing out) sends them there. */
  mustChangePassword: boolean;
}

/** How often a session's last use is written: each page reads the session, but need not write it. */
const touchEveryMs = 60_000;
const cookieValue = /^[A-Za-z0-9_-]{43}$/;

function idOf(cookie: string): string {
  return createHash('sha256').update(cookie).digest('hex');
}

/**
 * Signed-in sessions of the web pages, kept in the database so that any instance can serve any
 * request. The cookie holds 32 random bytes; the database keeps only their sha256. A session ends
 * at sign-out, after the idle or the absolute timeout, and when its user is disabled or their
 * password changes.
 */
export class SessionService {
  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
    private readonly settings: SessionSettings,
  ) {}

  /** Starts a new session for a user (always a new id, so a session cannot be fixed in advance); returns the cookie value. */
  async start(userId: string): Promise<string> {
    const cookie = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.models.sessions.create({ _id: idOf(cookie), userId, csrfToken: randomBytes(32).toString('base64url'), createdAt: now, lastSeenAt: now, expiresAt: this.expiry(now, now) });
    return cookie;
  }

  /** The live session a cookie names, or null (unknown, expired, or its user disabled). Using it keeps it alive. */
  async find(cookie: string): Promise<SignedInSession | null> {
    if (!cookieValue.test(cookie)) return null;
    const id = idOf(cookie);
    const session = await this.models.sessions.findById(id).lean();
    const now = this.clock.now();
    if (session === null || session.expiresAt <= now) return null;
    const user = await this.models.users.findById(session.userId).lean();
    if (user === null || user.disabledAt !== null) {
      await this.models.sessions.deleteOne({ _id: id });
      return null;
    }
    // Two requests racing here both write a later time: whichever lands last, the session stays alive.
    if (now.getTime() - session.lastSeenAt.getTime() >= touchEveryMs) {
      await this.models.sessions.updateOne({ _id: id }, { $set: { lastSeenAt: now, expiresAt: this.expiry(session.createdAt, now) } });
    }
    return { id, principal: principalOf(user), csrfToken: session.csrfToken, mustChangePassword: user.passwordIsOneTime === true };
  }

  /** Ends the session a cookie names (sign-out). */
  async end(cookie: string): Promise<void> {
    if (cookieValue.test(cookie)) await this.models.sessions.deleteOne({ _id: idOf(cookie) });
  }

  /** Ends every session of a user (disabled, or given a new password). */
  async endAllOf(userId: string): Promise<void> {
    await this.models.sessions.deleteMany({ userId });
  }

  /** Deletes expired sessions (FerretDB has no TTL indexes); returns how many. */
  async sweep(): Promise<number> {
    const { deletedCount } = await this.models.sessions.deleteMany({ expiresAt: trusted({ $lte: this.clock.now() }) });
    return deletedCount;
  }

  private expiry(createdAt: Date, lastSeenAt: Date): Date {
    return new Date(Math.min(lastSeenAt.getTime() + this.settings.idleMs, createdAt.getTime() + this.settings.absoluteMs));
  }
}
