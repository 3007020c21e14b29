import {
  getKernel,
  type KernelConfig,
  type NamedAttrMap,
  type NamedTensorInfoMap,
  type TensorInfo,
  type TypedArray,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** The backend name every training kernel registers under. */
export const WASM = 'wasm';

interface WasmHeap {
  HEAPU8: Uint8Array;
  wasmMemory?: WebAssembly.Memory;
}

/** Runs a kernel already registered on the wasm backend (a stock one or one of ours) from inside a kernel. */
export function runWasmKernel(
  backend: BackendWasm,
  kernelName: string,
  inputs: NamedTensorInfoMap,
  attrs: object = {},
): TensorInfo {
  const kernel = getKernel(kernelName, WASM);
  if (kernel === undefined) {
    throw new Error(
      `Kernel '${kernelName}' is not registered on the wasm backend: import '@tensorflow/tfjs-backend-wasm' first`,
    );
  }
  return kernel.kernelFunc({ inputs, attrs: attrs as NamedAttrMap, backend }) as TensorInfo;
}

// The stock wasm kernels our replacements displaced, for the cases the replacements leave to them.
const stockKernels = new Map<string, KernelConfig>();

/** Keeps the stock kernel a training kernel replaces, so the replacement can fall back to it. */
export function rememberStockKernel(config: KernelConfig): void {
  stockKernels.set(config.kernelName, config);
}

/** Runs the stock wasm kernel that one of ours replaced (for inputs our version does not handle). */
export function runStockWasmKernel(
  backend: BackendWasm,
  kernelName: string,
  inputs: NamedTensorInfoMap,
  attrs: object,
): TensorInfo {
  const kernel = stockKernels.get(kernelName);
  if (kernel === undefined)
    throw new Error(`No stock wasm kernel '${kernelName}' was registered before ours`);
  return kernel.kernelFunc({ inputs, attrs: attrs as NamedAttrMap, backend }) as TensorInfo;
}

/** The same data seen with another shape; only for passing to inner kernels, never as a kernel's output. */
export function reshapeView(t: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: t.dataId, shape, dtype: t.dtype };
}

/** Frees intermediate tensors a kernel allocated on the wasm heap. */
export function disposeIntermediate(backend: BackendWasm, ...tensors: TensorInfo[]): void {
  for (const t of tensors) backend.disposeData(t.dataId);
}

/** A typed view of a tensor's data on the wasm heap; re-take it after any allocation (the heap may grow). */
export function heapView(backend: BackendWasm, t: TensorInfo): TypedArray {
  const heap = backend.wasm as unknown as WasmHeap;
  // The threaded build grows a shared memory whose buffer object changes; HEAPU8 can lag behind it.
  const buffer = heap.wasmMemory?.buffer ?? heap.HEAPU8.buffer;
  const { memoryOffset } = backend.dataIdMap.get(t.dataId)!;
  let size = 1;
  for (const d of t.shape) size *= d;
  switch (t.dtype) {
    case 'float32':
      return new Float32Array(buffer, memoryOffset, size);
    case 'int32':
      return new Int32Array(buffer, memoryOffset, size);
    case 'bool':
      return new Uint8Array(buffer, memoryOffset, size);
    default:
      throw new Error(`No wasm heap view for dtype '${t.dtype}'`);
  }
}

/** Byte offset of a tensor's data in the wasm heap (for the SIMD loops). */
export function heapOffset(backend: BackendWasm, t: TensorInfo): number {
  return backend.dataIdMap.get(t.dataId)!.memoryOffset;
}

/** A float32 view of a float32 tensor on the wasm heap; re-take it after any allocation. */
export function f32(backend: BackendWasm, t: TensorInfo): Float32Array {
  if (t.dtype !== 'float32') throw new Error(`Expected a float32 tensor, got ${t.dtype}`);
  return heapView(backend, t) as Float32Array;
}

/** Allocates a float32 output tensor on the wasm heap. */
export function makeF32Output(backend: BackendWasm, shape: number[]): TensorInfo {
  return backend.makeOutput(shape, 'float32');
}
