import {
  AvgPoolGrad,
  backend_util,
  type AvgPoolGradAttrs,
  type AvgPoolGradInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { f32, makeF32Output, WASM } from '../wasm-kernel-utils';

/**
 * Spreads each output gradient evenly over its window. Like the cpu and webgl backends, every window
 * divides by filterHeight * filterWidth, padded taps included, so all backends train alike.
 */
function avgPoolGrad(args: {
  inputs: AvgPoolGradInputs;
  backend: BackendWasm;
  attrs: AvgPoolGradAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const dy = inputs.dy as TensorInfo;
  const x = inputs.input as TensorInfo;
  const { filterSize, strides, pad } = attrs;
  const info = backend_util.computePool2DInfo(
    x.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
  );
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  const scale = 1 / (filterHeight * filterWidth);

  const out = makeF32Output(backend, x.shape);
  const dx = f32(backend, out);
  const dys = f32(backend, dy);
  dx.fill(0);
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * strideHeight - top;
      const hEnd = Math.min(inHeight, h0 + filterHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const w0 = ow * strideWidth - left;
        const wEnd = Math.min(inWidth, w0 + filterWidth);
        const yBase = ((n * outHeight + oh) * outWidth + ow) * channels;
        for (let h = Math.max(0, h0); h < hEnd; h++) {
          for (let w = Math.max(0, w0); w < wEnd; w++) {
            const xBase = ((n * inHeight + h) * inWidth + w) * channels;
            for (let c = 0; c < channels; c++) dx[xBase + c] += dys[yBase + c] * scale;
          }
        }
      }
    }
  }
  return out;
}

export const avgPoolGradConfig: KernelConfig = {
  kernelName: AvgPoolGrad,
  backendName: WASM,
  kernelFunc: avgPoolGrad as unknown as KernelFunc,
};
