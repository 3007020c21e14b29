import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type Conv2DBackpropFilterInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  disposeIntermediate,
  f32,
  makeF32Output,
  reshapeView,
  runWasmKernel,
  WASM,
} from '../wasm-kernel-utils';

/**
 * dW[kh,kw,ci,co] = sum over p = (n,oh,ow) of x[n, oh*s+kh-pt, ow*s+kw-pl, ci] * dy[p, co], i.e. one
 * GEMM  patches[KH*KW*Cin, P] x dy[P, Cout]  whose result is already laid out as the filter. The
 * GEMM runs in XNNPACK (SIMD, threaded) as a 1x1 convolution; we only build the patch rows, each a
 * shifted copy of one channel of x, from x transposed to [Cin, N, H, W] so the copies are contiguous.
 */
function conv2DBackpropFilter(args: {
  inputs: Conv2DBackpropFilterInputs;
  backend: BackendWasm;
  attrs: Conv2DBackpropFilterAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const x = inputs.x as TensorInfo;
  const dy = inputs.dy as TensorInfo;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    backend_util.convertConv2DDataFormat(dataFormat),
  );
  if (info.dataFormat !== 'channelsLast') {
    throw new Error(`Conv2DBackpropFilter on wasm supports only NHWC input, got dataFormat '${dataFormat}'`);
  }
  const { batchSize, inHeight, inWidth, inChannels, outChannels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  const pixels = batchSize * outHeight * outWidth;
  const rows = filterHeight * filterWidth * inChannels;

  const xT = runWasmKernel(backend, 'Transpose', { x }, { perm: [3, 0, 1, 2] });
  const patches = makeF32Output(backend, [rows, pixels]);
  const src = f32(backend, xT);
  const dst = f32(backend, patches);
  // Output columns [owStart, owEnd) read inside the input for filter column kw; the rest are padding.
  const colRange = (kw: number): [number, number] => [
    Math.min(outWidth, Math.max(0, Math.ceil((left - kw) / strideWidth))),
    Math.max(0, Math.min(outWidth, Math.floor((inWidth - 1 + left - kw) / strideWidth) + 1)),
  ];
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      const [owStart, owEnd] = colRange(kw);
      for (let ci = 0; ci < inChannels; ci++) {
        const rowBase = ((kh * filterWidth + kw) * inChannels + ci) * pixels;
        for (let n = 0; n < batchSize; n++) {
          for (let oh = 0; oh < outHeight; oh++) {
            const to = rowBase + (n * outHeight + oh) * outWidth;
            const ih = oh * strideHeight + kh - top;
            if (ih < 0 || ih >= inHeight) {
              dst.fill(0, to, to + outWidth);
              continue;
            }
            dst.fill(0, to, to + owStart);
            dst.fill(0, to + owEnd, to + outWidth);
            const from = ((ci * batchSize + n) * inHeight + ih) * inWidth + kw - left;
            if (strideWidth === 1) {
              dst.set(src.subarray(from + owStart, from + owEnd), to + owStart);
            } else {
              for (let ow = owStart; ow < owEnd; ow++) dst[to + ow] = src[from + ow * strideWidth];
            }
          }
        }
      }
    }
  }
  disposeIntermediate(backend, xT);
  const product = runWasmKernel(
    backend,
    'Conv2D',
    { x: reshapeView(patches, [1, rows, 1, pixels]), filter: reshapeView(dy, [1, 1, pixels, outChannels]) },
    { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1] },
  );
  disposeIntermediate(backend, patches);
  return {
    dataId: product.dataId,
    shape: [filterHeight, filterWidth, inChannels, outChannels],
    dtype: 'float32',
  };
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: WASM,
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
