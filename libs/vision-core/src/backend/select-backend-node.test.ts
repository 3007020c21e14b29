import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { selectBackend } from './select-backend-node';

describe('selectBackend (Node)', () => {
  afterEach(() => {
    delete process.env.VISIONCAD_BACKEND;
  });

  it('uses an explicit override and logs one line naming it', async () => {
    const lines: string[] = [];
    const choice = await selectBackend({ override: 'cpu', log: (line) => lines.push(line) });
    expect(choice.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(lines).toEqual([expect.stringContaining('tfjs backend: cpu (requested')]);
  });

  it('rejects an unknown VISIONCAD_BACKEND, naming the variable and the allowed values', async () => {
    process.env.VISIONCAD_BACKEND = 'cuda';
    await expect(selectBackend({ log: () => {} })).rejects.toThrow(
      "VISIONCAD_BACKEND is 'cuda', expected one of: tensorflow, webgpu, wasm, cpu",
    );
  });

  it('starts threaded wasm (shared heap) with the training kernels; gradients match cpu', async () => {
    process.env.VISIONCAD_BACKEND = 'wasm';
    const choice = await selectBackend({ threads: 2, log: () => {} });
    expect(choice).toEqual({ name: 'wasm', reason: expect.stringContaining('XNNPACK on 2 thread(s)') });
    const gradients = () => {
      const x = tf.tensor4d(
        Array.from({ length: 2 * 9 * 9 * 4 }, (_, i) => Math.sin(i)),
        [2, 9, 9, 4],
      );
      const filter = tf.tensor4d(
        Array.from({ length: 3 * 3 * 4 * 5 }, (_, i) => Math.cos(i)),
        [3, 3, 4, 5],
      );
      const loss = (a: tf.Tensor, f: tf.Tensor) =>
        tf.sum(
          tf.square(tf.maxPool(tf.conv2d(a as tf.Tensor4D, f as tf.Tensor4D, 2, 'same'), 2, 2, 'valid')),
        );
      return tf
        .grads(loss)([x, filter])
        .map((g) => g.dataSync());
    };
    const onWasm = gradients();
    await tf.setBackend('cpu');
    const onCpu = gradients();
    onCpu.forEach((expected, k) => {
      const scale = Math.max(1, ...Array.from(expected, Math.abs));
      expect(Math.max(...onWasm[k].map((v, i) => Math.abs(v - expected[i]))) / scale).toBeLessThan(1e-4);
    });
  });
});
