import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CheckpointStore } from '../training/checkpoint';
import { writeFileAtomic } from './atomic-write.node.js';

/**
 * A checkpoint kept in one file, replaced atomically on every save (temporary file + fsync +
 * rename): a process killed mid-save leaves the previous checkpoint intact.
 */
export class FileCheckpointStore implements CheckpointStore {
  constructor(readonly location: string) {}

  async load(): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.location));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new Error(`cannot read checkpoint ${this.location}: ${(e as Error).message}`);
    }
  }

  async save(bytes: Uint8Array): Promise<void> {
    await mkdir(dirname(this.location), { recursive: true });
    await writeFileAtomic(this.location, bytes);
  }
}
