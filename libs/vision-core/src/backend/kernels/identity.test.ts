import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareBackends, seededTensor } from '../testing/cpu-reference';

describe('Identity on wasm', () => {
  beforeAll(prepareBackends);

  it('shares the data and keeps it alive after the source is disposed', async () => {
    await tf.setBackend('wasm');
    const x = seededTensor([3, 4], 1);
    const expected = Array.from(x.dataSync());
    const copy = tf.clone(x);
    x.dispose();
    expect(Array.from(copy.dataSync())).toEqual(expected);
    const before = tf.memory().numBytes;
    copy.dispose();
    expect(tf.memory().numBytes).toBe(before - 12 * 4);
  });
});
