import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords, hashed with scrypt (memory-hard): N = 2^15, r = 8, p = 1 use 32 MiB and take tens of
 * milliseconds, which makes guessing offline expensive. Stored as `scrypt$N$r$p$salt$hash` (salt and
 * hash in base64), so the cost can rise later without breaking the hashes already stored.
 */
const cost = { N: 2 ** 15, r: 8, p: 1 };
const keyLength = 32;
/** The most memory a stored hash may ask for: 128 × N × r must stay below it. */
const maxmem = 256 * 1024 * 1024;

export const passwordLength = { min: 12, max: 200 };

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, keyLength, { ...options, maxmem }, (error, key) => (error === null ? resolve(key) : reject(error))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Whether the password matches the stored hash (compared in constant time); false for anything malformed. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const N = Number(n);
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined || !Number.isInteger(N) || N < 2 || N > 2 ** 20) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N, r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash no password matches, checked when the email is unknown so that the answer takes as long. */
export const unmatchableHash = `scrypt$${cost.N}$${cost.r}$${cost.p}$${randomBytes(16).toString('base64')}$${randomBytes(keyLength).toString('base64')}`;

// No 0/O, 1/l/I: the password is read off a screen and typed once.
const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random one-time password to show once (about 115 bits): four groups of five, e.g. "k7Pqz-…". */
export function oneTimePassword(): string {
  const groups = Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => alphabet[randomInt(alphabet.length)]).join(''));
  return groups.join('-');
}
