import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

// scrypt at production cost takes a few hundred ms per call, so the hashes are shared.
describe('hashPassword / verifyPassword', () => {
  const password = 'correct horse battery staple';
  let hash: string;
  let again: string;

  beforeAll(async () => {
    [hash, again] = await Promise.all([hashPassword(password), hashPassword(password)]);
  });

  it('writes a versioned scrypt string that does not contain the password, salted each time', () => {
    expect(hash).toMatch(/^\$scrypt\$v=1\$ln=17,r=8,p=1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(hash).not.toContain('correct horse');
    expect(again).not.toBe(hash);
  });

  it('verifies the right password and rejects wrong ones', async () => {
    const results = await Promise.all([
      verifyPassword(password, again),
      verifyPassword(`${password}!`, hash),
      verifyPassword('', hash),
      // Same salt and key but other claimed parameters: the derived key no longer matches.
      verifyPassword(password, hash.replace('ln=17', 'ln=16')),
    ]);
    expect(results).toEqual([true, false, false, false]);
  });

  it('refuses an empty password and a hash it did not write', async () => {
    await expect(hashPassword('')).rejects.toThrow(/must not be empty/);
    await expect(verifyPassword('pw', 'plaintext')).rejects.toThrow(/\$scrypt\$v=1/);
    await expect(verifyPassword('pw', '$2b$10$abcdefghijklmnopqrstuv')).rejects.toThrow(/format/);
  });
});
