import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fit } from '../training/fit';
import {
  classificationSet,
  tinyClassifier,
  useCpuBackend,
  weightValues,
} from '../training/tiny-model.test-support';
import { FileCheckpointStore } from './checkpoint-file.node.js';
import { JsonlMetricsLog } from './jsonl-metrics-log.node.js';

let root: string;
beforeAll(async () => {
  await useCpuBackend();
  root = await mkdtemp(join(tmpdir(), 'visioncad-ckpt-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('FileCheckpointStore', () => {
  it('returns null before the first save and the latest bytes after', async () => {
    const store = new FileCheckpointStore(join(root, 'a', 'run.ckpt'));
    expect(await store.load()).toBeNull();
    await store.save(new Uint8Array([1, 2, 3]));
    await store.save(new Uint8Array([4, 5]));
    expect(Array.from((await store.load())!)).toEqual([4, 5]);
    expect(await readdir(join(root, 'a'))).toEqual(['run.ckpt']); // no temporary files left
  });

  it('a save killed before its rename leaves the last good checkpoint readable', async () => {
    const path = join(root, 'b.ckpt');
    const store = new FileCheckpointStore(path);
    await store.save(new Uint8Array([9, 9, 9]));
    // What a kill mid-write leaves behind: a partial temporary file beside the checkpoint.
    await writeFile(join(root, `.b.ckpt.${process.pid}.1.tmp`), new Uint8Array([1]));
    expect(Array.from((await store.load())!)).toEqual([9, 9, 9]);
  });
});

describe('training with files', () => {
  it('resumes a killed run from the checkpoint file and rewrites the JSONL log', async () => {
    const opts = {
      train: classificationSet(12),
      validation: classificationSet(6, 3, { shuffle: false }),
      epochs: 3,
      optimizer: { type: 'sgd' as const, learningRate: 0.05, momentum: 0.9 },
    };
    const reference = tinyClassifier(8);
    await fit(reference, opts);

    const path = join(root, 'run', 'checkpoint.ckpt');
    const logPath = join(root, 'run', 'metrics.jsonl');
    // Killed while writing the checkpoint of epoch 1: epoch 1 is already in the log, but the
    // last complete checkpoint is from epoch 0.
    let saves = 0;
    const dying = new FileCheckpointStore(path);
    const realSave = dying.save.bind(dying);
    dying.save = async (bytes) => {
      if (++saves === 2) throw new Error('killed while saving');
      await realSave(bytes);
    };
    await expect(
      fit(tinyClassifier(8), {
        ...opts,
        checkpoint: { store: dying },
        metricsLog: new JsonlMetricsLog(logPath),
      }),
    ).rejects.toThrow('killed while saving');
    expect((await readFile(logPath, 'utf8')).trim().split('\n').length).toBe(2);

    const ckpt = new FileCheckpointStore(path);
    const resumed = tinyClassifier(1);
    const result = await fit(resumed, {
      ...opts,
      checkpoint: { store: ckpt },
      metricsLog: new JsonlMetricsLog(logPath),
    });
    expect(result.resumedFrom?.epoch).toBe(1);
    expect(weightValues(resumed)).toEqual(weightValues(reference));
    const lines = (await readFile(logPath, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.epoch)).toEqual([0, 1, 2]);
    expect(lines[2]).toHaveProperty('val_accuracy');
  });
});
