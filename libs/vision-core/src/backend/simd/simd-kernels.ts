import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { SIMD_KERNELS_SHARED_MEMORY, SIMD_KERNELS_UNSHARED_MEMORY } from './simd-kernels-wasm';

/** The loops of simd-kernels.wat; all pointers are byte offsets into the tfjs wasm heap. */
export interface SimdKernels {
  maxPoolGrad(
    x: number,
    y: number,
    dy: number,
    dx: number,
    batch: number,
    inHeight: number,
    inWidth: number,
    channels: number,
    outHeight: number,
    outWidth: number,
    filterHeight: number,
    filterWidth: number,
    strideHeight: number,
    strideWidth: number,
    padTop: number,
    padLeft: number,
  ): void;
}

interface EmscriptenHeap {
  wasmMemory?: WebAssembly.Memory;
  asm?: { memory?: WebAssembly.Memory };
}

const instances = new WeakMap<object, SimdKernels | null>();
let enabled = true;

/** Switches the SIMD loops off or on; kernels then use their JS loops (tests and A/B benchmarks). */
export function setSimdKernelsEnabled(on: boolean): void {
  enabled = on;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
}

/**
 * The SIMD loops instantiated on this backend's heap (its memory is imported, so they work on
 * tensors in place), or null where they cannot run: engines without wasm SIMD, in which case tfjs
 * itself runs its non-SIMD build and the kernels fall back to JS.
 */
export function simdKernels(backend: BackendWasm): SimdKernels | null {
  if (!enabled) return null;
  const heap = backend.wasm as unknown as EmscriptenHeap;
  const cached = instances.get(heap);
  if (cached !== undefined) return cached;
  // The threaded build exposes its (shared) memory as wasmMemory, the others export it as asm.memory.
  const memory = heap.wasmMemory ?? heap.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) {
    throw new Error(
      'tfjs-backend-wasm no longer exposes its memory (wasmMemory / asm.memory): update simd-kernels.ts',
    );
  }
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const bytes = decodeBase64(shared ? SIMD_KERNELS_SHARED_MEMORY : SIMD_KERNELS_UNSHARED_MEMORY);
  let kernels: SimdKernels | null = null;
  if (WebAssembly.validate(bytes)) {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    kernels = { maxPoolGrad: instance.exports.max_pool_grad as SimdKernels['maxPoolGrad'] };
  }
  instances.set(heap, kernels);
  return kernels;
}
