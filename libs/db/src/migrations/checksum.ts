import { createHash } from 'node:crypto';

/** Prisma's migration checksum: the SHA-256 of the migration.sql text, as 64 lowercase hex digits. */
export function migrationChecksum(script: string): string {
  return createHash('sha256').update(script, 'utf8').digest('hex');
}

/**
 * Whether a migration script matches a recorded checksum, accepting the script with LF or CRLF line
 * endings as Prisma does (git may rewrite line endings on checkout), and the un-padded hex that
 * old Prisma versions wrote.
 */
export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  const variants = [script, script.replaceAll('\r\n', '\n'), script.replaceAll('\n', '\r\n')];
  return variants.some((variant) => {
    const digest = createHash('sha256').update(variant, 'utf8').digest();
    return digest.toString('hex') === checksum || unpaddedHex(digest) === checksum;
  });
}

function unpaddedHex(digest: Buffer): string {
  return Array.from(digest, (byte) => byte.toString(16)).join('');
}
