import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectWasmMatchesCpu, prepareBackends, seededRandom, seededTensor } from '../testing/cpu-reference';

// Tolerance: KERNEL_TOLERANCE (1e-4 of max(1, max |cpu|)); slices are copies, so exact in practice.
describe('Slice on wasm', () => {
  beforeAll(prepareBackends);

  it('matches the cpu backend on random whole and partial slices', async () => {
    for (let seed = 1; seed <= 16; seed++) {
      const r = seededRandom(seed * 1601);
      const shape = Array.from({ length: r.int(1, 4) }, () => r.int(1, 5));
      const whole = r.int(0, 1) === 1;
      const begin = shape.map((d) => (whole ? 0 : r.int(0, d - 1)));
      const size = shape.map((d, i) => (whole ? r.pick([d, -1]) : r.int(1, d - begin[i])));
      await expectWasmMatchesCpu(JSON.stringify({ shape, begin, size }), () => [
        tf.slice(seededTensor(shape, seed), begin, size),
      ]);
    }
  });

  it('keeps a whole slice valid after its source is disposed', async () => {
    await tf.setBackend('wasm');
    const x = seededTensor([4, 3], 1);
    const expected = Array.from(x.dataSync());
    const all = tf.slice(x, [0, 0], [4, 3]);
    x.dispose();
    expect(Array.from(all.dataSync())).toEqual(expected);
    all.dispose();
  });
});
