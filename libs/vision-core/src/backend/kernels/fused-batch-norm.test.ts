import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, it } from 'vitest';
import { expectWasmMatchesCpu, prepareBackends, seededRandom, seededTensor } from '../testing/cpu-reference';

// Tolerance: KERNEL_TOLERANCE (1e-4 of max(1, max |cpu|)), see testing/cpu-reference.ts.
describe('FusedBatchNorm on wasm', () => {
  beforeAll(prepareBackends);

  it('matches the cpu backend on random ranks with per-channel, scalar and missing parameters', async () => {
    for (let seed = 1; seed <= 16; seed++) {
      const r = seededRandom(seed * 1511);
      const shape = Array.from({ length: r.int(1, 4) }, () => r.int(1, 6));
      const c = shape[shape.length - 1];
      const param = () => r.pick([[c], [c], [1], null]) ?? null;
      const [meanShape, varianceShape, offsetShape, scaleShape] = [param(), param(), param(), param()];
      await expectWasmMatchesCpu(
        JSON.stringify({ shape, meanShape, varianceShape, offsetShape, scaleShape }),
        () => {
          const mean = seededTensor(meanShape ?? [c], seed + 1);
          const variance = tf.add(tf.abs(seededTensor(varianceShape ?? [c], seed + 2)), 0.1);
          const offset = offsetShape ? seededTensor(offsetShape, seed + 3) : undefined;
          const scale = scaleShape ? seededTensor(scaleShape, seed + 4) : undefined;
          return [tf.batchNorm(seededTensor(shape, seed), mean, variance, offset, scale, 1e-3)];
        },
      );
    }
  });

  it('keeps the stock kernel for broadcast-shaped statistics', async () => {
    await expectWasmMatchesCpu('[1,1,1,C] mean', () => [
      tf.batchNorm(
        seededTensor([2, 3, 3, 4], 1),
        seededTensor([1, 1, 1, 4], 2),
        tf.ones([1, 1, 1, 4]),
        undefined,
        undefined,
        1e-3,
      ),
    ]);
  });
});
