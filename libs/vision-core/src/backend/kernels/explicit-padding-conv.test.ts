import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, it } from 'vitest';
import {
  expectWasmMatchesCpu,
  prepareBackends,
  randomPadding,
  seededRandom,
  seededTensor,
} from '../testing/cpu-reference';

// Tolerance: KERNEL_TOLERANCE (1e-4 of max(1, max |cpu|)), see testing/cpu-reference.ts.
describe('forward convolutions on wasm with explicit padding', () => {
  beforeAll(prepareBackends);

  it('conv2d and fused conv2d match cpu on random shapes, strides, dilations and paddings', async () => {
    for (let seed = 1; seed <= 24; seed++) {
      const r = seededRandom(seed * 401);
      const [n, h, w, cin, cout] = [r.int(1, 2), r.int(2, 9), r.int(2, 9), r.int(1, 4), r.int(1, 4)];
      const dilated = r.int(0, 1) === 1;
      const strides: [number, number] = dilated ? [1, 1] : [r.int(1, 3), r.int(1, 3)];
      const dilations: [number, number] = dilated ? [r.int(1, 2), r.int(1, 2)] : [1, 1];
      const [kh, kw] = [r.int(1, Math.min(3, h)), r.int(1, Math.min(3, w))];
      const pad = randomPadding(r);
      const label = JSON.stringify({ n, h, w, cin, cout, kh, kw, strides, dilations, pad });
      await expectWasmMatchesCpu(label, () => {
        const x = seededTensor([n, h, w, cin], seed) as tf.Tensor4D;
        const filter = seededTensor([kh, kw, cin, cout], seed + 1) as tf.Tensor4D;
        const bias = seededTensor([cout], seed + 2) as tf.Tensor1D;
        return [
          tf.conv2d(x, filter, strides, pad, 'NHWC', dilations),
          tf.fused.conv2d({ x, filter, strides, pad, dilations, bias, activation: 'relu' }),
        ];
      });
    }
  });

  it("handles 'same' padding with a stride larger than the filter (the stock kernel returns zeros)", async () => {
    await expectWasmMatchesCpu('1x2 filter, stride 2', () => [
      tf.conv2d(
        seededTensor([1, 4, 6, 1], 1) as tf.Tensor4D,
        seededTensor([1, 2, 1, 1], 2) as tf.Tensor4D,
        2,
        'same',
      ),
    ]);
  });

  it('depthwise and fused depthwise conv2d match cpu, with channel multipliers and dilations', async () => {
    for (let seed = 1; seed <= 16; seed++) {
      const r = seededRandom(seed * 503);
      const [n, h, w, c, m] = [r.int(1, 2), r.int(2, 9), r.int(2, 9), r.int(1, 4), r.int(1, 2)];
      const dilated = r.int(0, 1) === 1;
      const stride = dilated ? 1 : r.int(1, 2);
      const dilation = dilated ? 2 : 1;
      const k = r.int(1, Math.min(3, h, w));
      const pad = r.pick(['same', 'valid'] as const);
      if (pad === 'valid' && (k - 1) * dilation + 1 > Math.min(h, w)) continue;
      await expectWasmMatchesCpu(JSON.stringify({ n, h, w, c, m, k, stride, dilation, pad }), () => {
        const x = seededTensor([n, h, w, c], seed) as tf.Tensor4D;
        const filter = seededTensor([k, k, c, m], seed + 1) as tf.Tensor4D;
        return [
          tf.depthwiseConv2d(x, filter, stride, pad, 'NHWC', dilation),
          tf.fused.depthwiseConv2d({
            x,
            filter,
            strides: stride,
            pad,
            dilations: dilation,
            activation: 'relu',
          }),
        ];
      });
    }
  });

  it('reads null dilations as 1, as tfjs-layers passes them from DepthwiseConv2D (MobileNetV2, Xception)', async () => {
    await expectWasmMatchesCpu('depthwise, dilations null', () => {
      const x = seededTensor([1, 6, 6, 2], 3) as tf.Tensor4D;
      const filter = seededTensor([3, 3, 2, 1], 4) as tf.Tensor4D;
      const nullDilations = null as unknown as number;
      return [
        tf.depthwiseConv2d(x, filter, 2, 'same', 'NHWC', nullDilations),
        tf.depthwiseConv2d(x, filter, 1, 'valid', 'NHWC', nullDilations),
      ];
    });
  });
});
