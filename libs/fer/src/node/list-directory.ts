import { readdir } from 'node:fs/promises';

import { DatasetError } from '../datasets/dataset-error';

/**
 * Sorted names of the sub-directories or regular files of a directory. Hidden entries (.DS_Store,
 * .git) are skipped; a missing or unreadable directory is a DatasetError naming it.
 */
export async function listDirectory(dir: string, kind: 'directories' | 'files'): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DatasetError(
      { file: dir },
      code === 'ENOENT' ? 'folder not found' : `cannot read folder: ${(error as Error).message}`,
    );
  }
  return entries
    .filter((e) => !e.name.startsWith('.') && (kind === 'directories' ? e.isDirectory() : e.isFile()))
    .map((e) => e.name)
    .sort();
}
