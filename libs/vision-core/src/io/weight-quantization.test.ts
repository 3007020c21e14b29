import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { quantizeAffine, quantizeWeights, toFloat16 } from './weight-quantization';

describe('weight quantization (tfjs-converter semantics)', () => {
  it('reproduces the converter docstring example for uint8', () => {
    // tfjs-converter write_weights.py: [0, -0.1, 1.2] -> [20, 0, 255], min -0.10196078817, scale 0.00509803940852
    const q = quantizeAffine(new Float32Array([0, -0.1, 1.2]), 'uint8');
    expect(Array.from(q.data)).toEqual([20, 0, 255]);
    expect(q.min).toBeCloseTo(-0.10196078817, 9);
    expect(q.scale).toBeCloseTo(0.00509803940852, 11);
  });

  it('represents zero exactly and keeps the error within half a step', () => {
    const values = Float32Array.from(
      { length: 200 },
      (_, i) => Math.sin(i) * 0.3 + (i === 7 ? -0.3 - Math.sin(7) * 0.3 : 0),
    );
    values[3] = 0;
    for (const dtype of ['uint8', 'uint16'] as const) {
      const q = quantizeAffine(values, dtype);
      const back = Array.from(q.data, (v) => v * q.scale + q.min);
      expect(back[3]).toBeCloseTo(0, 12);
      back.forEach((v, i) => expect(Math.abs(v - values[i])).toBeLessThanOrEqual(q.scale / 2 + 1e-9));
    }
  });

  it('stores a constant weight as zeros with scale 1, as the converter does', () => {
    const q = quantizeAffine(new Float32Array([0.25, 0.25]), 'uint8');
    expect(Array.from(q.data)).toEqual([0, 0]);
    expect(q).toMatchObject({ min: 0.25, scale: 1 });
  });

  it('rounds float16 to nearest even', () => {
    const bits = new Uint16Array(
      toFloat16(new Float32Array([1, -2, 65504, 1 + 2 ** -11, 1 + 3 * 2 ** -11])).buffer,
    );
    // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties go to the even mantissa (1.0).
    expect(Array.from(bits)).toEqual([0x3c00, 0xc000, 0x7bff, 0x3c00, 0x3c02]);
  });

  it('quantizes float32 weights only, and tfjs decodes the result', () => {
    const specs: tf.io.WeightsManifestEntry[] = [
      { name: 'w', shape: [2, 2], dtype: 'float32' },
      { name: 'i', shape: [2], dtype: 'int32' },
    ];
    const data = new Uint8Array([
      ...new Uint8Array(new Float32Array([0.5, -1, 2, 0]).buffer),
      ...new Uint8Array(new Int32Array([7, -3]).buffer),
    ]).buffer;
    for (const dtype of ['uint8', 'uint16', 'float16'] as const) {
      const out = quantizeWeights(specs, data, dtype);
      expect(out.specs[0].quantization?.dtype).toBe(dtype);
      expect(out.specs[1].quantization).toBeUndefined();
      const decoded = tf.io.decodeWeights(out.data, out.specs);
      const w = Array.from(decoded.w.dataSync());
      [0.5, -1, 2, 0].forEach((v, k) => expect(w[k]).toBeCloseTo(v, 1));
      expect(Array.from(decoded.i.dataSync())).toEqual([7, -3]);
    }
  });
});
