import {
  backend_util,
  MaxPoolGrad,
  type KernelConfig,
  type KernelFunc,
  type MaxPoolGradAttrs,
  type MaxPoolGradInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernels } from '../simd/simd-kernels';
import { f32, heapOffset, makeF32Output, WASM } from '../wasm-kernel-utils';

/**
 * Routes each output gradient to the first input of its window (in row-major window order, as
 * TensorFlow and the cpu backend do) that equals the pooled output. Comparing with the forward
 * output avoids recomputing the maxima. The SIMD loop (simd-kernels.wat, 4 channels per step) runs
 * wherever wasm SIMD does; the JS loop below is for engines without it.
 */
function maxPoolGrad(args: {
  inputs: MaxPoolGradInputs;
  backend: BackendWasm;
  attrs: MaxPoolGradAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const dy = inputs.dy as TensorInfo;
  const x = inputs.input as TensorInfo;
  const y = inputs.output as TensorInfo;
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  const info = backend_util.computePool2DInfo(
    x.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;

  const out = makeF32Output(backend, x.shape);
  const simd = simdKernels(backend);
  if (simd !== null) {
    const at = (t: TensorInfo) => heapOffset(backend, t);
    simd.maxPoolGrad(
      at(x),
      at(y),
      at(dy),
      at(out),
      batchSize,
      inHeight,
      inWidth,
      channels,
      outHeight,
      outWidth,
      filterHeight,
      filterWidth,
      strideHeight,
      strideWidth,
      top,
      left,
    );
    return out;
  }
  const dx = f32(backend, out);
  const xs = f32(backend, x);
  const ys = f32(backend, y);
  const dys = f32(backend, dy);
  dx.fill(0);
  const rowStride = inWidth * channels;
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * strideHeight - top;
      const hStart = Math.max(0, h0);
      const hEnd = Math.min(inHeight, h0 + filterHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const w0 = ow * strideWidth - left;
        const wStart = Math.max(0, w0);
        const wEnd = Math.min(inWidth, w0 + filterWidth);
        const yBase = ((n * outHeight + oh) * outWidth + ow) * channels;
        const windowBase = ((n * inHeight + hStart) * inWidth + wStart) * channels;
        for (let c = 0; c < channels; c++) {
          const target = ys[yBase + c];
          let found = -1;
          for (let h = hStart, row = windowBase + c; h < hEnd && found < 0; h++, row += rowStride) {
            for (let w = wStart, i = row; w < wEnd; w++, i += channels) {
              if (xs[i] === target) {
                found = i;
                break;
              }
            }
          }
          if (found >= 0) dx[found] += dys[yBase + c];
        }
      }
    }
  }
  return out;
}

export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: WASM,
  kernelFunc: maxPoolGrad as unknown as KernelFunc,
};
