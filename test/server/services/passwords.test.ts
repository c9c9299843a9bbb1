import { expect } from 'chai';
import { hashPassword, oneTimePassword, verifyPassword } from '../../../server/services/passwords.ts';

describe('Passwords (scrypt)', () => {
  it('stores scrypt$N$r$p$salt$hash with N = 2^15, r = 8, p = 1, a 16-byte salt and a 32-byte hash, never the password', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).to.match(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(hash).to.not.contain('correct horse');
  });

  it('salts each hash, so one password hashes differently each time', async () => {
    expect(await hashPassword('same password here')).to.not.equal(await hashPassword('same password here'));
  });

  it('verifies the password it was made from, and no other', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', hash)).to.equal(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).to.equal(false);
    expect(await verifyPassword('', hash)).to.equal(false);
  });

  it('treats a password the same however its accents are encoded (Unicode NFC)', async () => {
    expect(await verifyPassword('caf\u0065\u0301 au lait please', await hashPassword('caf\u00e9 au lait please'))).to.equal(true);
  });

  it('refuses a malformed or foreign stored hash rather than failing', async () => {
    for (const stored of ['', 'plain text', '$2b$12$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ01234', 'scrypt$2097152$8$1$c2FsdA==$aGFzaA==', 'scrypt$x$8$1$c2FsdA==$aGFzaA==']) {
      expect(await verifyPassword('anything', stored), stored).to.equal(false);
    }
  });

  it('makes one-time passwords of four groups of five characters, without look-alike characters', () => {
    const passwords = Array.from({ length: 50 }, () => oneTimePassword());
    for (const password of passwords) expect(password).to.match(/^[a-km-zA-HJ-NP-Z2-9]{5}(-[a-km-zA-HJ-NP-Z2-9]{5}){3}$/);
    expect(new Set(passwords).size).to.equal(passwords.length);
  });
});
