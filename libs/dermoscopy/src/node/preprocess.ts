import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { encodePng } from '@visioncad/vision-core/image-node';

import type { PreprocessingResult } from '../preprocessing/pipeline';

/** Writes each preprocessing step as `<stem>-<nn>-<step>.png` in `outDir`; returns the paths written. */
export async function writePreprocessingSteps(
  result: PreprocessingResult,
  outDir: string,
  sourceName: string,
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const stem = basename(sourceName, extname(sourceName));
  const written: string[] = [];
  for (const [i, step] of result.steps.entries()) {
    const path = join(outDir, `${stem}-${String(i).padStart(2, '0')}-${step.name}.png`);
    await writeFile(path, await encodePng(step.image));
    written.push(path);
  }
  return written;
}
