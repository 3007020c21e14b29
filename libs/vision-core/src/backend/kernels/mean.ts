import {
  Mean,
  type KernelConfig,
  type KernelFunc,
  type MeanAttrs,
  type MeanInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { runStockWasmKernel, WASM } from '../wasm-kernel-utils';
import { axisBlock, reduceAxisBlock } from './reduce-axis-block';

/** Mean over leading/middle axes (batch-norm moments, global average pooling) without a transpose. */
function mean(args: { inputs: MeanInputs; backend: BackendWasm; attrs: MeanAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const x = inputs.x as TensorInfo;
  const block = axisBlock(x, attrs.axis, attrs.keepDims);
  if (block === null) return runStockWasmKernel(backend, Mean, inputs, attrs);
  return reduceAxisBlock(backend, x, block, 1 / block.reduced);
}

export const meanConfig: KernelConfig = {
  kernelName: Mean,
  backendName: WASM,
  kernelFunc: mean as unknown as KernelFunc,
};
