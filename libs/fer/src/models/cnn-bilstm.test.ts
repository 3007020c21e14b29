import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildCnnBiLstm, buildFrameEncoder, stackFrames } from './cnn-bilstm';

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
    // Seeded kernels: with unseeded ones the ReLU embedding was now and then all zero, so both
    // orders gave the uniform output and the test failed by chance.
    model.setWeights(
      model.getWeights().map((w, i) => (w.rank >= 2 ? tf.randomNormal(w.shape, 0, 0.5, 'float32', i + 1) : w)),
    );
    const x = tf.randomUniform([1, 3, 16, 16, 1], 0, 1, 'float32', 3);
    const forward = (model.predict(x) as tf.Tensor).dataSync();
    const backward = (model.predict(tf.reverse(x, 1)) as tf.Tensor).dataSync();
    expect(Array.from(forward)).not.toEqual(Array.from(backward));
    // Encoder (conv 4 + BN 16 + dense 4x8+8) + two LSTMs of 4 units on 8 inputs + dense 8x3+3.
    expect(model.countParams()).toBe(9 * 4 + 16 + 40 + 2 * 4 * (4 * (8 + 4) + 4) + 27);
  });
});

describe('CNN-BiLSTM on frames stacked as channels', () => {
  const frame = (value: (p: number) => number) => ({
    width: 4,
    height: 4,
    channels: 1 as const,
    data: Uint8Array.from({ length: 16 }, (_, p) => value(p)),
  });

  it('stacks frames so channel t is frame t', () => {
    const stacked = stackFrames([frame((p) => p), frame((p) => 100 + p), frame((p) => 200 + p)]);
    expect([stacked.width, stacked.height, stacked.channels]).toEqual([4, 4, 3]);
    expect(Array.from(stacked.data.subarray(15 * 3, 16 * 3))).toEqual([15, 115, 215]);
    expect(() => stackFrames([frame((p) => p), frame((p) => p)])).toThrow(/1, 3 or 4 frames/);
    expect(() => stackFrames([frame((p) => p), { ...frame((p) => p), width: 2 }, frame((p) => p)])).toThrow(
      /frame 1 is 2x4x1/,
    );
  });

  it('gives the same output as the frames-first model with the same weights', () => {
    const encoder = buildFrameEncoder({ frameShape: [8, 8, 1], filters: [4], embedding: 8 });
    const stackedModel = buildCnnBiLstm({ frames: 3, frameShape: [8, 8, 1], numClasses: 3, lstmUnits: 4, encoder, framesAsChannels: true });
    const sequenceModel = buildCnnBiLstm({ frames: 3, frameShape: [8, 8, 1], numClasses: 3, lstmUnits: 4, encoder });
    sequenceModel.setWeights(stackedModel.getWeights());
    expect(stackedModel.inputs[0].shape).toEqual([null, 8, 8, 3]);
    const sequence = tf.randomUniform([2, 3, 8, 8, 1], 0, 1, 'float32', 5);
    const stacked = tf.transpose(tf.squeeze(sequence, [4]), [0, 2, 3, 1]);
    const a = (stackedModel.predict(stacked) as tf.Tensor).arraySync() as number[][];
    const b = (sequenceModel.predict(sequence) as tf.Tensor).arraySync() as number[][];
    a.flat().forEach((v, i) => expect(v).toBeCloseTo(b.flat()[i], 5));
    expect(() => buildCnnBiLstm({ frames: 3, frameShape: [8, 8, 3], numClasses: 3, framesAsChannels: true })).toThrow(
      /1-channel frames/,
    );
  });
});
