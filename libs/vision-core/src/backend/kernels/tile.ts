import {
  Tile,
  util,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  type TileAttrs,
  type TileInputs,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapView, WASM } from '../wasm-kernel-utils';

/**
 * Tiles by block copies: each input row is copied once, then every finished block is replicated
 * with copyWithin (a memmove) along its axis, innermost axis first. The stock kernel computes a
 * multi-index per element, which dominated batch-norm gradients (they tile [C] to [N,H,W,C]).
 */
function tile(args: { inputs: TileInputs; backend: BackendWasm; attrs: TileAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const x = inputs.x as TensorInfo;
  const { reps } = attrs;
  const inShape = x.shape;
  const outShape = inShape.map((d, i) => d * reps[i]);
  if (x.dtype === 'string') return tileStrings(backend, x, outShape);
  const out = backend.makeOutput(outShape, x.dtype);
  if (outShape.some((d) => d === 0)) return out;
  const src = heapView(backend, x);
  const dst = heapView(backend, out);
  const rank = inShape.length;
  if (rank === 0) {
    dst[0] = src[0];
    return out;
  }
  const inBlock = new Array<number>(rank + 1).fill(1);
  const outBlock = new Array<number>(rank + 1).fill(1);
  for (let i = rank - 1; i >= 0; i--) {
    inBlock[i] = inBlock[i + 1] * inShape[i];
    outBlock[i] = outBlock[i + 1] * outShape[i];
  }
  // Fills dst[dstOffset, +outBlock[axis]) from src[srcOffset, +inBlock[axis]).
  const fill = (axis: number, srcOffset: number, dstOffset: number): void => {
    if (axis === rank - 1) {
      dst.set(src.subarray(srcOffset, srcOffset + inShape[axis]), dstOffset);
    } else {
      for (let i = 0; i < inShape[axis]; i++) {
        fill(axis + 1, srcOffset + i * inBlock[axis + 1], dstOffset + i * outBlock[axis + 1]);
      }
    }
    const chunk = inShape[axis] * outBlock[axis + 1];
    for (let r = 1; r < reps[axis]; r++) dst.copyWithin(dstOffset + r * chunk, dstOffset, dstOffset + chunk);
  };
  fill(0, 0, 0);
  return out;
}

// String tensors live outside the wasm heap (and the stock kernel aborts on them): map each output
// element to its input element.
function tileStrings(backend: BackendWasm, x: TensorInfo, outShape: number[]): TensorInfo {
  const values = backend.readSync(x.dataId) as Uint8Array[];
  const inStrides = util.computeStrides(x.shape);
  const outStrides = util.computeStrides(outShape);
  const tiled = Array.from({ length: util.sizeFromShape(outShape) }, (_, flat) => {
    let from = 0;
    let rest = flat;
    outShape.forEach((_, axis) => {
      const stride = outStrides[axis] ?? 1;
      const index = Math.floor(rest / stride);
      rest -= index * stride;
      from += (index % x.shape[axis]) * (inStrides[axis] ?? 1);
    });
    return values[from];
  });
  return backend.makeOutput(outShape, 'string', undefined, tiled);
}

export const tileConfig: KernelConfig = {
  kernelName: Tile,
  backendName: WASM,
  kernelFunc: tile as unknown as KernelFunc,
};
