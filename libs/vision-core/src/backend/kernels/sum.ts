import {
  Sum,
  type KernelConfig,
  type KernelFunc,
  type SumAttrs,
  type SumInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { runStockWasmKernel, WASM } from '../wasm-kernel-utils';
import { axisBlock, reduceAxisBlock } from './reduce-axis-block';

/** Sum over leading/middle axes (bias and batch-norm gradients) without the stock kernel's transpose. */
function sum(args: { inputs: SumInputs; backend: BackendWasm; attrs: SumAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const x = inputs.x as TensorInfo;
  const block = axisBlock(x, attrs.axis, attrs.keepDims);
  if (block === null) return runStockWasmKernel(backend, Sum, inputs, attrs);
  return reduceAxisBlock(backend, x, block, 1);
}

export const sumConfig: KernelConfig = {
  kernelName: Sum,
  backendName: WASM,
  kernelFunc: sum as unknown as KernelFunc,
};
