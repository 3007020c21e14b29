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
 * (Splitting the GEMM over groups of images to keep dy in cache was measured slower: every
 * XNNPACK call re-creates its operator and re-packs its weights.)
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
  const planes = f32(backend, xT);
  const dst = f32(backend, patches);
  const geometry = {
    batchSize,
    inHeight,
    inWidth,
    outHeight,
    outWidth,
    strideHeight,
    strideWidth,
    top,
    left,
  };
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      for (let ci = 0; ci < inChannels; ci++) {
        const row = ((kh * filterWidth + kw) * inChannels + ci) * pixels;
        writePatchRow(dst, row, planes, ci * batchSize * inHeight * inWidth, kh, kw, geometry);
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

interface PatchGeometry {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  outHeight: number;
  outWidth: number;
  strideHeight: number;
  strideWidth: number;
  top: number;
  left: number;
}

/**
 * Writes patch row (kh, kw, ci): for every output pixel (n, oh, ow) the input value its filter tap
 * (kh, kw) sees in channel plane `plane` ([N, H, W]), 0 in the padding. When the output grid is the
 * input grid (stride 1, 'same'), the row is the plane shifted by one offset: one block copy, then
 * the few wrapped-around border cells are zeroed. Otherwise each output row is copied in a loop
 * (no subarray objects: those cost more than the copying for rows of 10-50 values).
 */
function writePatchRow(
  dst: Float32Array,
  row: number,
  src: Float32Array,
  plane: number,
  kh: number,
  kw: number,
  g: PatchGeometry,
): void {
  const { batchSize, inHeight, inWidth, outHeight, outWidth, strideHeight, strideWidth, top, left } = g;
  const dh = kh - top;
  const dw = kw - left;
  const owStart = Math.min(outWidth, Math.max(0, Math.ceil(-dw / strideWidth)));
  const owEnd = Math.max(owStart, Math.min(outWidth, Math.floor((inWidth - 1 - dw) / strideWidth) + 1));
  const sameGrid = strideHeight === 1 && strideWidth === 1 && outHeight === inHeight && outWidth === inWidth;
  if (sameGrid) {
    const size = batchSize * inHeight * inWidth;
    const shift = dh * inWidth + dw;
    const from = Math.max(0, shift);
    const to = Math.min(size, size + shift);
    dst.set(src.subarray(plane + from, plane + to), row + from - shift);
    dst.fill(0, row, row + from - shift);
    dst.fill(0, row + to - shift, row + size);
    for (let n = 0; n < batchSize; n++) {
      const image = row + n * inHeight * inWidth;
      for (let oh = 0; oh < outHeight; oh++) {
        const line = image + oh * inWidth;
        if (oh + dh < 0 || oh + dh >= inHeight) {
          dst.fill(0, line, line + inWidth);
          continue;
        }
        for (let ow = 0; ow < owStart; ow++) dst[line + ow] = 0;
        for (let ow = owEnd; ow < outWidth; ow++) dst[line + ow] = 0;
      }
    }
    return;
  }
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const to = row + (n * outHeight + oh) * outWidth;
      const ih = oh * strideHeight + dh;
      if (ih < 0 || ih >= inHeight) {
        for (let ow = 0; ow < outWidth; ow++) dst[to + ow] = 0;
        continue;
      }
      const from = plane + (n * inHeight + ih) * inWidth + dw;
      for (let ow = 0; ow < owStart; ow++) dst[to + ow] = 0;
      for (let ow = owStart; ow < owEnd; ow++) dst[to + ow] = src[from + ow * strideWidth];
      for (let ow = owEnd; ow < outWidth; ow++) dst[to + ow] = 0;
    }
  }
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: WASM,
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
