import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildCnnBiLstm, buildFrameEncoder } from './cnn-bilstm';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('CNN-BiLSTM', () => {
  it('encodes each frame, reads the sequence both ways and outputs class probabilities', () => {
    const model = buildCnnBiLstm({ frames: 3, frameShape: [24, 24, 1], numClasses: 7, lstmUnits: 8 });
    expect(model.getLayer('per_frame_cnn').outputShape).toEqual([null, 3, 256]);
    expect(model.getLayer('bilstm').outputShape).toEqual([null, 16]);
    const out = model.predict(tf.randomUniform([2, 3, 24, 24, 1])) as tf.Tensor;
    expect(out.shape).toEqual([2, 7]);
    Array.from(out.sum(1).dataSync()).forEach((s) => expect(s).toBeCloseTo(1, 5));
  });

  it('sees frame order: reversing the sequence changes the output', () => {
    const model = buildCnnBiLstm({ frames: 3, frameShape: [16, 16, 1], numClasses: 3, lstmUnits: 4, encoder: buildFrameEncoder({ frameShape: [16, 16, 1], filters: [4], embedding: 8 }) });
    const x = tf.randomUniform([1, 3, 16, 16, 1], 0, 1, 'float32', 3);
    const forward = (model.predict(x) as tf.Tensor).dataSync();
    const backward = (model.predict(tf.reverse(x, 1)) as tf.Tensor).dataSync();
    expect(Array.from(forward)).not.toEqual(Array.from(backward));
    // Encoder (conv 4 + BN 16 + dense 4x8+8) + two LSTMs of 4 units on 8 inputs + dense 8x3+3.
    expect(model.countParams()).toBe(9 * 4 + 16 + 40 + 2 * 4 * (4 * (8 + 4) + 4) + 27);
  });
});
