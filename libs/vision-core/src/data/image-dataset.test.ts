import { describe, expect, it } from 'vitest';
import { epochOrder } from './epoch-order';
import { ImageDataset } from './image-dataset';
import type { DecodedImage } from './samples';

const H = 4;
const W = 3;

/** Synthetic decoder: image "img-<i>.png" is filled with the 8-bit value i. */
function fakeDecode(stats?: { inFlight: number; maxInFlight: number; calls: number }) {
  return async (path: string): Promise<DecodedImage> => {
    if (stats) {
      stats.calls++;
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    }
    await new Promise((r) => setTimeout(r, 1));
    if (stats) stats.inFlight--;
    const value = Number(/(\d+)/.exec(path)![1]);
    return { width: W, height: H, channels: 1, data: new Uint8Array(W * H).fill(value) };
  };
}

const samples = Array.from({ length: 10 }, (_, i) => ({ path: `img-${i}.png`, label: i % 3 }));

async function collect(ds: ImageDataset, epoch: number, start = 0) {
  const out = [];
  for await (const b of ds.batches(epoch, start)) out.push(b);
  return out;
}

describe('epochOrder', () => {
  it('is a seeded permutation that changes every epoch', () => {
    const a = epochOrder(50, 7, 0);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(epochOrder(50, 7, 0)).toEqual(a);
    expect(epochOrder(50, 7, 1)).not.toEqual(a);
    expect(epochOrder(50, 8, 0)).not.toEqual(a);
  });
});

describe('ImageDataset', () => {
  it('streams unshuffled batches in sample order with labels and scaled pixels', async () => {
    const ds = new ImageDataset({ samples, decode: fakeDecode(), imageShape: [H, W, 1], batchSize: 4, shuffle: false });
    const batches = await collect(ds, 0);
    expect(batches.map((b) => b.size)).toEqual([4, 4, 2]);
    expect(batches.flatMap((b) => [...b.sampleIndices])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const b0 = batches[0];
    if (b0.kind !== 'classification') throw new Error('expected classification');
    expect([...b0.labels]).toEqual([0, 1, 2, 0]);
    expect(b0.x.length).toBe(4 * H * W);
    expect(b0.x[H * W * 3]).toBeCloseTo(3 / 255, 7);
  });

  it('shuffles each epoch by the seeded order and keeps labels aligned', async () => {
    const ds = new ImageDataset({ samples, decode: fakeDecode(), imageShape: [H, W, 1], batchSize: 4, seed: 11 });
    for (const epoch of [0, 1]) {
      const batches = await collect(ds, epoch);
      const visited = batches.flatMap((b) => [...b.sampleIndices]);
      expect(visited).toEqual([...epochOrder(10, 11, epoch)]);
      for (const b of batches) {
        if (b.kind !== 'classification') throw new Error('expected classification');
        b.sampleIndices.forEach((s, j) => {
          expect(b.labels[j]).toBe(s % 3);
          expect(Math.round(b.x[j * H * W] * 255)).toBe(s);
        });
      }
    }
    expect((await collect(ds, 0)).flatMap((b) => [...b.sampleIndices])).not.toEqual(
      (await collect(ds, 1)).flatMap((b) => [...b.sampleIndices]),
    );
  });

  it('resumes mid-epoch with the same batches, augmentation included', async () => {
    const opts = {
      samples,
      decode: fakeDecode(),
      imageShape: [H, W, 1] as const,
      batchSize: 3,
      seed: 5,
      augmentation: { gaussianNoiseStd: 0.1, brightnessRange: 0.1 },
    };
    const full = await collect(new ImageDataset(opts), 2);
    const tail = await collect(new ImageDataset(opts), 2, 2);
    expect(tail.map((b) => b.x)).toEqual(full.slice(2).map((b) => b.x));
    expect(tail.map((b) => b.sampleIndices)).toEqual(full.slice(2).map((b) => b.sampleIndices));
  });

  it('keeps at most `prefetch` batches loading ahead of a slow consumer', async () => {
    const stats = { inFlight: 0, maxInFlight: 0, calls: 0 };
    const many = Array.from({ length: 64 }, (_, i) => ({ path: `img-${i}.png`, label: 0 }));
    const ds = new ImageDataset({ samples: many, decode: fakeDecode(stats), imageShape: [H, W, 1], batchSize: 4, prefetch: 2 });
    let consumed = 0;
    for await (const _batch of ds.batches(0)) {
      consumed++;
      await new Promise((r) => setTimeout(r, 15)); // the training step
      // Decoded so far: the consumed batches plus at most 2 ahead.
      expect(stats.calls).toBeLessThanOrEqual((consumed + 2) * 4);
    }
    expect(consumed).toBe(16);
    expect(stats.maxInFlight).toBeLessThanOrEqual(2 * 4);
    expect(stats.maxInFlight).toBeGreaterThan(4); // it really does prefetch
  });

  it('builds segmentation batches with binarized masks', async () => {
    const decode = async (path: string): Promise<DecodedImage> => {
      const data = new Uint8Array(W * H);
      if (path.startsWith('mask')) data.set([255, 255, 0, 200, 127, 0]);
      return { width: W, height: H, channels: 1, data };
    };
    const ds = new ImageDataset({
      samples: [{ path: 'img-0.png', maskPath: 'mask-0.png' }],
      decode,
      imageShape: [H, W, 1],
      batchSize: 2,
    });
    const [b] = await collect(ds, 0);
    if (b.kind !== 'segmentation') throw new Error('expected segmentation');
    expect([...b.masks.subarray(0, 6)]).toEqual([1, 1, 0, 1, 0, 0]);
  });

  it('reports a decoded size mismatch with the file path', async () => {
    const ds = new ImageDataset({ samples, decode: fakeDecode(), imageShape: [H, W + 1, 1], batchSize: 4 });
    await expect(collect(ds, 0)).rejects.toThrow(/img-\d+\.png decoded to 3x4x1 but the dataset expects 4x4x1/);
  });

  it('counts labels per class and rejects mixed sample kinds', () => {
    const ds = new ImageDataset({ samples, decode: fakeDecode(), imageShape: [H, W, 1], batchSize: 4 });
    expect(ds.labelCounts(3)).toEqual([4, 3, 3]);
    expect(
      () =>
        new ImageDataset({
          samples: [samples[0], { path: 'a.png', maskPath: 'b.png' }],
          decode: fakeDecode(),
          imageShape: [H, W, 1],
          batchSize: 1,
        }),
    ).toThrow('samples mix labelled');
  });
});
