import { describe, expect, it } from 'vitest';
import { migrationChecksum, scriptMatchesChecksum } from './checksum';

describe('migrationChecksum', () => {
  it('is the zero-padded SHA-256 hex Prisma records', () => {
    // The value Prisma's own checksum test expects for "hello".
    expect(migrationChecksum('hello')).toBe(
      '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
    );
  });
});

describe('scriptMatchesChecksum', () => {
  it('accepts the same script with LF or CRLF line endings', () => {
    const lf = 'CREATE TABLE "A" ("id" TEXT);\nCREATE INDEX "i" ON "A"("id");\n';
    const crlf = lf.replaceAll('\n', '\r\n');
    expect(scriptMatchesChecksum(crlf, migrationChecksum(lf))).toBe(true);
    expect(scriptMatchesChecksum(lf, migrationChecksum(crlf))).toBe(true);
  });

  it('rejects any other change', () => {
    expect(scriptMatchesChecksum('abc', migrationChecksum('abcd'))).toBe(false);
    expect(scriptMatchesChecksum('abc\n', migrationChecksum('abc'))).toBe(false);
  });

  it('accepts the un-padded hex written by old Prisma versions', () => {
    const padded = migrationChecksum('hello');
    const unpadded = padded
      .match(/../g)!
      .map((byte) => byte.replace(/^0/, ''))
      .join('');
    expect(unpadded.length).toBeLessThan(64);
    expect(scriptMatchesChecksum('hello', unpadded)).toBe(true);
  });
});
