import {
  backend_util,
  Conv2D,
  DepthwiseConv2dNative,
  FusedConv2D,
  FusedDepthwiseConv2D,
  type KernelConfig,
  type KernelFunc,
  type NamedTensorInfoMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { runStockWasmKernel, WASM } from '../wasm-kernel-utils';

interface ConvAttrs {
  strides: number | [number, number];
  pad: 'same' | 'valid' | number | backend_util.ExplicitPadding;
  /** null from tfjs-layers' DepthwiseConv2D (its dilationRate default); the stock kernels read it as 1. */
  dilations: number | [number, number] | null;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dataFormat?: 'NHWC' | 'NCHW';
}

/**
 * Passes 'same' and numeric padding to the stock XNNPACK convolutions as explicit padding, and
 * answers empty outputs without calling XNNPACK. Measured on tfjs-backend-wasm 4.22: with 'same',
 * a stride larger than the filter along one axis (e.g. a 1x2 filter, stride 2) makes XNNPACK
 * reject the operator and the kernel returns zeros; with a number, tfjs-core sizes the output from
 * the filter height only, so non-square filters get a too-small buffer that XNNPACK overruns; a
 * dilated filter larger than the input also overruns it.
 */
function withExplicitPadding(kernelName: string, depthwise: boolean): KernelConfig {
  const kernelFunc = (args: { inputs: NamedTensorInfoMap; backend: BackendWasm; attrs: ConvAttrs }) => {
    const { inputs, backend, attrs } = args;
    const x = inputs.x as TensorInfo;
    const filter = inputs.filter as TensorInfo;
    const p = attrs.pad;
    const dilations = attrs.dilations ?? 1;
    const requested: ConvAttrs['pad'] =
      typeof p === 'number'
        ? [
            [0, 0],
            [p, p],
            [p, p],
            [0, 0],
          ]
        : p;
    const info = backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filter.shape as [number, number, number, number],
      attrs.strides,
      dilations,
      requested,
      attrs.dimRoundingMode,
      depthwise,
    );
    // A (dilated) filter larger than the padded input leaves nothing to compute, and XNNPACK would
    // write out of bounds.
    if (info.outShape.some((d) => d <= 0)) {
      return backend.makeOutput(
        info.outShape.map((d) => Math.max(0, d)),
        'float32',
      );
    }
    const { top, bottom, left, right } = info.padInfo;
    const pad: ConvAttrs['pad'] =
      requested === 'same'
        ? [
            [0, 0],
            [top, bottom],
            [left, right],
            [0, 0],
          ]
        : requested;
    return runStockWasmKernel(backend, kernelName, inputs, { ...attrs, dilations, pad });
  };
  return { kernelName, backendName: WASM, kernelFunc: kernelFunc as unknown as KernelFunc };
}

export const conv2DConfig = withExplicitPadding(Conv2D, false);
export const fusedConv2DConfig = withExplicitPadding(FusedConv2D, false);
export const depthwiseConv2dNativeConfig = withExplicitPadding(DepthwiseConv2dNative, true);
export const fusedDepthwiseConv2DConfig = withExplicitPadding(FusedDepthwiseConv2D, true);
