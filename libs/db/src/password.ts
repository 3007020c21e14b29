import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// Stored as a PHC-style string so parameters can be raised later without breaking old hashes:
//   $scrypt$v=1$ln=<log2 N>,r=<r>,p=<p>$<salt, base64>$<hash, base64>
// N=2^17, r=8, p=1 is OWASP's minimum for scrypt (128 MiB and a few hundred ms per hash).
const SCHEME = 'scrypt';
const VERSION = 1;
const LOG2_N = 17;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

function deriveKey(
  password: string,
  salt: Buffer,
  keyLength: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function scryptOptions(log2N: number, r: number, p: number): ScryptOptions {
  // Node's default maxmem (32 MiB) is below scrypt's 128*N*r*p bytes at these parameters.
  return { N: 2 ** log2N, r, p, maxmem: 2 * 128 * 2 ** log2N * r * p + 1024 * 1024 };
}

/** Hashes a password with scrypt and a random salt, as a versioned `$scrypt$v=1$...` string. */
export async function hashPassword(password: string): Promise<string> {
  if (password.length === 0) throw new Error('password must not be empty');
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, KEY_BYTES, scryptOptions(LOG2_N, BLOCK_SIZE, PARALLELISM));
  const params = `ln=${LOG2_N},r=${BLOCK_SIZE},p=${PARALLELISM}`;
  return `$${SCHEME}$v=${VERSION}$${params}$${salt.toString('base64')}$${key.toString('base64')}`;
}

const STORED_HASH =
  /^\$scrypt\$v=1\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

/**
 * Checks a password against a hash from hashPassword, in constant time for the comparison.
 * Throws if the stored hash is not in a format this code wrote (a corrupt or foreign value).
 */
export async function verifyPassword(password: string, storedHash: string): Promise<boolean> {
  const match = STORED_HASH.exec(storedHash);
  if (match === null) {
    throw new Error(`password hash is not in the $scrypt$v=1$ln=..,r=..,p=..$salt$hash format`);
  }
  const [, log2N, r, p, salt, hash] = match;
  const expected = Buffer.from(hash, 'base64');
  const actual = await deriveKey(
    password,
    Buffer.from(salt, 'base64'),
    expected.length,
    scryptOptions(Number(log2N), Number(r), Number(p)),
  );
  return timingSafeEqual(actual, expected);
}
