import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { EpochLog, MetricsLog } from '../training/metrics-log';
import { writeFileAtomic } from './atomic-write.node.js';

/**
 * Epoch logs as JSON Lines, one object per epoch. On resume the file is rewritten from the
 * checkpoint's history, dropping epochs logged after the checkpoint a killed run had reached.
 */
export class JsonlMetricsLog implements MetricsLog {
  constructor(readonly path: string) {}

  async reset(history: readonly EpochLog[]): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileAtomic(this.path, history.map((e) => `${JSON.stringify(e)}\n`).join(''));
  }

  async append(entry: EpochLog): Promise<void> {
    await appendFile(this.path, `${JSON.stringify(entry)}\n`);
  }
}
