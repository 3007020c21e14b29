import {
  FusedBatchNorm,
  type FusedBatchNormAttrs,
  type FusedBatchNormInputs,
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
  runStockWasmKernel,
  runWasmKernel,
  WASM,
} from '../wasm-kernel-utils';

/**
 * Batch normalization with per-channel statistics as one XNNPACK pass: y = x * s + b with
 * s = scale / sqrt(variance + eps) and b = offset - mean * s, i.e. a 1x1 depthwise convolution with
 * bias over x seen as [1, 1, size / C, C]. The stock kernel is a scalar loop. Parameters that are
 * not per-channel vectors (or scalars) go to the stock kernel.
 */
function fusedBatchNorm(args: {
  inputs: FusedBatchNormInputs;
  backend: BackendWasm;
  attrs: FusedBatchNormAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const x = inputs.x as TensorInfo;
  const channels = x.shape[x.shape.length - 1] ?? 1;
  const params = [inputs.mean, inputs.variance, inputs.offset, inputs.scale] as (TensorInfo | undefined)[];
  const perChannel = (t: TensorInfo | undefined) => {
    const size = t === undefined ? 1 : t.shape.reduce((a, b) => a * b, 1);
    return (
      t === undefined ||
      (t.dtype === 'float32' && (size === 1 || (size === channels && t.shape.at(-1) === channels)))
    );
  };
  if (x.dtype !== 'float32' || x.shape.length === 0 || !params.every(perChannel)) {
    return runStockWasmKernel(backend, FusedBatchNorm, inputs, attrs);
  }
  const filter = makeF32Output(backend, [1, 1, channels, 1]);
  const bias = makeF32Output(backend, [channels]);
  const [mean, variance, offset, scale] = params.map((t) => (t === undefined ? null : f32(backend, t)));
  const at = (values: Float32Array | null, c: number, fallback: number) =>
    values === null ? fallback : values.length === 1 ? values[0] : values[c];
  const s = f32(backend, filter);
  const b = f32(backend, bias);
  for (let c = 0; c < channels; c++) {
    s[c] = at(scale, c, 1) / Math.sqrt(at(variance, c, 0) + attrs.varianceEpsilon);
    b[c] = at(offset, c, 0) - at(mean, c, 0) * s[c];
  }
  const size = x.shape.reduce((a, d) => a * d, 1);
  const y = runWasmKernel(
    backend,
    'FusedDepthwiseConv2D',
    { x: reshapeView(x, [1, 1, size / channels, channels]), filter, bias },
    { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1], activation: 'linear' },
  );
  disposeIntermediate(backend, filter, bias);
  return { dataId: y.dataId, shape: x.shape, dtype: 'float32' };
}

export const fusedBatchNormConfig: KernelConfig = {
  kernelName: FusedBatchNorm,
  backendName: WASM,
  kernelFunc: fusedBatchNorm as unknown as KernelFunc,
};
