import {
  backend_util,
  DepthwiseConv2dNativeBackpropInput,
  type DepthwiseConv2dNativeBackpropInputAttrs,
  type DepthwiseConv2dNativeBackpropInputInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { disposeIntermediate, f32, makeF32Output, runWasmKernel, WASM } from '../wasm-kernel-utils';
import { assembleFromPhases } from './phase-scatter';
import { stridePhases, type StridePhase } from './stride-phase';

/**
 * dX of a depthwise convolution. With channel multiplier 1 (MobileNet) each stride phase is an
 * XNNPACK depthwise convolution of dy with the flipped per-channel sub-filter (dilation kept).
 * With a multiplier M > 1 every input channel sums M output channels, which a depthwise
 * convolution cannot express, so that case is a direct loop.
 */
function depthwiseConv2dBackpropInput(args: {
  inputs: DepthwiseConv2dNativeBackpropInputInputs;
  backend: BackendWasm;
  attrs: DepthwiseConv2dNativeBackpropInputAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const dy = inputs.dy as TensorInfo;
  const filter = inputs.filter as TensorInfo;
  const { strides, dilations, pad, dimRoundingMode, inputShape } = attrs;
  const info = backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    dilations,
    pad,
    dimRoundingMode,
    true,
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth } = info;
  const multiplier = filter.shape[3];
  if (multiplier !== 1) return directBackpropInput(backend, dy, filter, info);
  return assembleFromPhases(
    backend,
    [batchSize, inHeight, inWidth, inChannels],
    stridePhases(info.strideHeight, info.dilationHeight, filterHeight, info.padInfo.top, inHeight, outHeight),
    stridePhases(info.strideWidth, info.dilationWidth, filterWidth, info.padInfo.left, inWidth, outWidth),
    (rows, cols) => phaseDepthwise(backend, dy, filter, rows, cols),
  );
}

function phaseDepthwise(
  backend: BackendWasm,
  dy: TensorInfo,
  filter: TensorInfo,
  rows: StridePhase,
  cols: StridePhase,
): TensorInfo {
  const [, filterWidth, channels] = filter.shape;
  const sub = makeF32Output(backend, [rows.taps, cols.taps, channels, 1]);
  const w = f32(backend, filter);
  const s = f32(backend, sub);
  for (let th = 0; th < rows.taps; th++) {
    for (let tw = 0; tw < cols.taps; tw++) {
      const from = (rows.tapOf(th) * filterWidth + cols.tapOf(tw)) * channels;
      s.set(w.subarray(from, from + channels), (th * cols.taps + tw) * channels);
    }
  }
  const out = runWasmKernel(
    backend,
    'DepthwiseConv2dNative',
    { x: dy, filter: sub },
    {
      strides: [1, 1],
      dilations: [rows.dilation, cols.dilation],
      pad: [
        [0, 0],
        [rows.padBefore, rows.padAfter],
        [cols.padBefore, cols.padAfter],
        [0, 0],
      ],
      dataFormat: 'NHWC',
    },
  );
  disposeIntermediate(backend, sub);
  return out;
}

function directBackpropInput(
  backend: BackendWasm,
  dy: TensorInfo,
  filter: TensorInfo,
  info: backend_util.Conv2DInfo,
): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth } = info;
  const { top, left } = info.padInfo;
  const multiplier = filter.shape[3];
  const outChannels = inChannels * multiplier;
  const out = makeF32Output(backend, [batchSize, inHeight, inWidth, inChannels]);
  const dx = f32(backend, out);
  const dys = f32(backend, dy);
  const w = f32(backend, filter);
  dx.fill(0);
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const yBase = ((n * outHeight + oh) * outWidth + ow) * outChannels;
        for (let kh = 0; kh < filterHeight; kh++) {
          const ih = oh * strideHeight + kh * dilationHeight - top;
          if (ih < 0 || ih >= inHeight) continue;
          for (let kw = 0; kw < filterWidth; kw++) {
            const iw = ow * strideWidth + kw * dilationWidth - left;
            if (iw < 0 || iw >= inWidth) continue;
            const xBase = ((n * inHeight + ih) * inWidth + iw) * inChannels;
            const wBase = (kh * filterWidth + kw) * outChannels;
            for (let c = 0; c < inChannels; c++) {
              let sum = 0;
              for (let m = 0; m < multiplier; m++)
                sum += dys[yBase + c * multiplier + m] * w[wBase + c * multiplier + m];
              dx[xBase + c] += sum;
            }
          }
        }
      }
    }
  }
  return out;
}

export const depthwiseConv2dNativeBackpropInputConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropInput,
  backendName: WASM,
  kernelFunc: depthwiseConv2dBackpropInput as unknown as KernelFunc,
};
