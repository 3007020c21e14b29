// Content-addressed image storage: bytes live at <storageDir>/sha256/<first two hex>/<hash>, so the
// same upload twice is stored once and a stored file never changes.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where a stored file lives and whether it was already there. */
export interface StoredBytes {
  contentHash: string;
  storageKey: string;
  reused: boolean;
}

const KEY_PATTERN = /^sha256\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

/** The storage key for a SHA-256 hex digest. */
export function storageKeyFor(contentHash: string): string {
  return `sha256/${contentHash.slice(0, 2)}/${contentHash}`;
}

function fileFor(storageDir: string, storageKey: string): string {
  if (!KEY_PATTERN.test(storageKey))
    throw new Error(`"${storageKey}" is not a content-addressed storage key`);
  return path.join(storageDir, ...storageKey.split('/'));
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Stores the bytes under their SHA-256 unless a file with that hash is already there. */
export async function storeBytes(bytes: Uint8Array, storageDir: string): Promise<StoredBytes> {
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  const storageKey = storageKeyFor(contentHash);
  const file = fileFor(storageDir, storageKey);
  if (await exists(file)) return { contentHash, storageKey, reused: true };
  await mkdir(path.dirname(file), { recursive: true });
  // Written beside the target and renamed into place, so a crash never leaves a partial file
  // under a hash name and concurrent uploads of the same bytes both end with the whole file.
  const temporary = `${file}.${randomBytes(6).toString('hex')}.partial`;
  try {
    await writeFile(temporary, bytes, { flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  return { contentHash, storageKey, reused: false };
}

/** Reads stored bytes back; the error names the key when the file is missing. */
export async function readStoredBytes(storageKey: string, storageDir: string): Promise<Buffer> {
  const file = fileFor(storageDir, storageKey);
  try {
    return await readFile(file);
  } catch (error) {
    throw new Error(
      `stored image ${storageKey} cannot be read from ${storageDir}: ${(error as Error).message}`,
    );
  }
}
