import {
  backend_util,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type Conv2DBackpropInputInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { disposeIntermediate, f32, makeF32Output, runWasmKernel, WASM } from '../wasm-kernel-utils';
import { assembleFromPhases } from './phase-scatter';
import { stridePhases, type StridePhase } from './stride-phase';

/**
 * dX of a convolution as XNNPACK convolutions of dy, one per stride phase (see stride-phase.ts), each
 * with a small flipped, channel-swapped sub-filter. Together they do exactly the forward pass's
 * arithmetic; zero-inserting dy instead would multiply it by stride^2. Stride 1 is one phase whose
 * output is dX itself. The stock kernel is a scalar C++ loop.
 */
function conv2DBackpropInput(args: {
  inputs: Conv2DBackpropInputInputs;
  backend: BackendWasm;
  attrs: Conv2DBackpropInputAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const dy = inputs.dy as TensorInfo;
  const filter = inputs.filter as TensorInfo;
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
  const info = backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    backend_util.convertConv2DDataFormat(dataFormat),
  );
  if (info.dataFormat !== 'channelsLast') {
    throw new Error(`Conv2DBackpropInput on wasm supports only NHWC, got dataFormat '${dataFormat}'`);
  }
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth } = info;
  return assembleFromPhases(
    backend,
    [batchSize, inHeight, inWidth, inChannels],
    stridePhases(info.strideHeight, 1, info.filterHeight, info.padInfo.top, inHeight, outHeight),
    stridePhases(info.strideWidth, 1, info.filterWidth, info.padInfo.left, inWidth, outWidth),
    (rows, cols) => phaseConv(backend, dy, filter, rows, cols),
  );
}

// Correlates dy with the phase's flipped sub-filter [tapsH, tapsW, Cout, Cin].
function phaseConv(
  backend: BackendWasm,
  dy: TensorInfo,
  filter: TensorInfo,
  rows: StridePhase,
  cols: StridePhase,
): TensorInfo {
  const [, filterWidth, inChannels, outChannels] = filter.shape;
  const sub = makeF32Output(backend, [rows.taps, cols.taps, outChannels, inChannels]);
  const w = f32(backend, filter);
  const s = f32(backend, sub);
  for (let th = 0; th < rows.taps; th++) {
    for (let tw = 0; tw < cols.taps; tw++) {
      const srcBase = (rows.tapOf(th) * filterWidth + cols.tapOf(tw)) * inChannels * outChannels;
      const dstBase = (th * cols.taps + tw) * outChannels * inChannels;
      for (let ci = 0; ci < inChannels; ci++) {
        for (let co = 0; co < outChannels; co++) {
          s[dstBase + co * inChannels + ci] = w[srcBase + ci * outChannels + co];
        }
      }
    }
  }
  const out = runWasmKernel(
    backend,
    'Conv2D',
    { x: dy, filter: sub },
    {
      strides: [1, 1],
      pad: [
        [0, 0],
        [rows.padBefore, rows.padAfter],
        [cols.padBefore, cols.padAfter],
        [0, 0],
      ],
      dataFormat: 'NHWC',
      dilations: [1, 1],
    },
  );
  disposeIntermediate(backend, sub);
  return out;
}

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: WASM,
  kernelFunc: conv2DBackpropInput as unknown as KernelFunc,
};
