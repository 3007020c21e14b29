import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';

import { DatasetError } from '../../datasets/dataset-error';

/** File extensions the image decoder reads. */
export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.bmp', '.tif', '.tiff', '.webp'] as const;

/**
 * Lists the image files of a folder by name without extension. Two images with the same stem
 * (IMD001.bmp and IMD001.png) are an error because it is ambiguous which one is meant.
 */
export async function listImagesByStem(dir: string): Promise<Map<string, string>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new DatasetError({ file: dir }, `cannot read image folder: ${(error as Error).message}`);
  }
  const byStem = new Map<string, string>();
  for (const name of names.sort()) {
    const ext = extname(name);
    if (!(IMAGE_EXTENSIONS as readonly string[]).includes(ext.toLowerCase())) continue;
    const stem = name.slice(0, -ext.length);
    const previous = byStem.get(stem);
    if (previous) {
      throw new DatasetError(
        { file: join(dir, name) },
        `two images share the name ${stem}: ${previous} and ${name}`,
      );
    }
    byStem.set(stem, join(dir, name));
  }
  return byStem;
}

/** Formats a list of missing ids for an error message: the count and the first few. */
export function describeMissing(ids: readonly string[]): string {
  const shown = ids.slice(0, 5).join(', ');
  return ids.length > 5 ? `${ids.length} missing, e.g. ${shown}` : `missing: ${shown}`;
}
