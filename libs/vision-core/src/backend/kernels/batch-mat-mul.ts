import {
  BatchMatMul,
  util,
  type BatchMatMulAttrs,
  type BatchMatMulInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  disposeIntermediate,
  reshapeView,
  runStockWasmKernel,
  runWasmKernel,
  WASM,
} from '../wasm-kernel-utils';

/**
 * Single (unbatched) matrix products as XNNPACK GEMMs through a 1x1 convolution, which runs on the
 * thread pool. The stock kernel uses XNNPACK only without transposes (and single-threaded), and a
 * naive triple loop otherwise, which is what dense-layer gradients (dy * W^T, x^T * dy) need.
 * Transposed operands are transposed explicitly first: O(size) against the O(M*N*K) product.
 */
function batchMatMul(args: {
  inputs: BatchMatMulInputs;
  backend: BackendWasm;
  attrs: BatchMatMulAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const a = inputs.a as TensorInfo;
  const b = inputs.b as TensorInfo;
  const { transposeA, transposeB } = attrs;
  const batchA = util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = util.sizeFromShape(b.shape.slice(0, -2));
  if (batchA !== 1 || batchB !== 1 || a.dtype !== 'float32' || b.dtype !== 'float32') {
    return runStockWasmKernel(backend, BatchMatMul, inputs, attrs);
  }
  const [a0, a1] = a.shape.slice(-2);
  const [b0, b1] = b.shape.slice(-2);
  const [m, k] = transposeA ? [a1, a0] : [a0, a1];
  const [k2, n] = transposeB ? [b1, b0] : [b0, b1];
  if (k !== k2) {
    throw new Error(
      `matMul inner sizes differ: a ${a.shape} (transposeA=${transposeA}) and b ${b.shape} (transposeB=${transposeB})`,
    );
  }
  const left = transposeA
    ? runWasmKernel(backend, 'Transpose', { x: reshapeView(a, [a0, a1]) }, { perm: [1, 0] })
    : a;
  const right = transposeB
    ? runWasmKernel(backend, 'Transpose', { x: reshapeView(b, [b0, b1]) }, { perm: [1, 0] })
    : b;
  const product = runWasmKernel(
    backend,
    'Conv2D',
    { x: reshapeView(left, [1, m, 1, k]), filter: reshapeView(right, [1, 1, k, n]) },
    { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1] },
  );
  if (transposeA) disposeIntermediate(backend, left);
  if (transposeB) disposeIntermediate(backend, right);
  const outShape = [...(a.shape.length >= b.shape.length ? a.shape : b.shape).slice(0, -2), m, n];
  return { dataId: product.dataId, shape: outShape, dtype: 'float32' };
}

export const batchMatMulConfig: KernelConfig = {
  kernelName: BatchMatMul,
  backendName: WASM,
  kernelFunc: batchMatMul as unknown as KernelFunc,
};
