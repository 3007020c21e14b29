import {
  Slice,
  type KernelConfig,
  type KernelFunc,
  type SliceAttrs,
  type SliceInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { runStockWasmKernel, WASM } from '../wasm-kernel-utils';

/**
 * A slice that covers the whole tensor shares its data (model.predict slices every input batch,
 * even a single whole one); any other slice is the stock kernel's copy.
 */
function slice(args: { inputs: SliceInputs; backend: BackendWasm; attrs: SliceAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const x = inputs.x as TensorInfo;
  const rank = x.shape.length;
  const begin = typeof attrs.begin === 'number' ? [attrs.begin] : attrs.begin;
  const size = typeof attrs.size === 'number' ? [attrs.size] : attrs.size;
  const whole =
    x.dtype !== 'string' &&
    begin.length === rank &&
    size.length === rank &&
    x.shape.every((d, i) => begin[i] === 0 && (size[i] === d || size[i] === -1));
  if (!whole) return runStockWasmKernel(backend, Slice, inputs, attrs);
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export const sliceConfig: KernelConfig = {
  kernelName: Slice,
  backendName: WASM,
  kernelFunc: slice as unknown as KernelFunc,
};
