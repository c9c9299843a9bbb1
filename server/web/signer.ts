import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 signatures with the site key, for values the server hands out and must recognise. */
export class Signer {
  constructor(private readonly key: Buffer) {}

  sign(purpose: string, value: string): string {
    return createHmac('sha256', this.key).update(`${purpose}\n${value}`).digest('base64url');
  }

  verify(purpose: string, value: string, signature: string): boolean {
    return sameText(this.sign(purpose, value), signature);
  }
}

/** Compares two secrets in constant time (for equal lengths; a length mismatch is simply false). */
export function sameText(expected: string, actual: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(actual);
  return a.length === b.length && timingSafeEqual(a, b);
}
