import {
  Identity,
  type IdentityInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { runStockWasmKernel, WASM } from '../wasm-kernel-utils';

/**
 * Identity shares the input's data (reference counted), as the cpu backend does. The stock wasm
 * kernel copies it, and gradients call Identity a few hundred times per ResNet step. No kernel
 * writes into its inputs, so sharing is safe.
 */
function identity(args: { inputs: IdentityInputs; backend: BackendWasm }): TensorInfo {
  const { inputs, backend } = args;
  const x = inputs.x as TensorInfo;
  if (x.dtype === 'string') return runStockWasmKernel(backend, Identity, inputs, {});
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export const identityConfig: KernelConfig = {
  kernelName: Identity,
  backendName: WASM,
  kernelFunc: identity as unknown as KernelFunc,
};
