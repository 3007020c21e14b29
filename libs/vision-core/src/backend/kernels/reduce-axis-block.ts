import { backend_util, util, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { disposeIntermediate, f32, makeF32Output, reshapeView, runWasmKernel } from '../wasm-kernel-utils';

/** A reduction over one run of adjacent axes that does not include the last axis. */
export interface AxisBlock {
  outer: number;
  reduced: number;
  inner: number;
  outShape: number[];
}

// Rows per XNNPACK pooling window: partial means over at most this many rows are then summed in
// float64, which keeps the float32 rounding of very long reductions (10^5+ rows) near 1e-6.
const MAX_WINDOW = 4096;

/**
 * Describes float32 x reduced over `axis` as [outer, reduced, inner], or returns null when the axes
 * are not one adjacent run or include the last axis (the stock kernels reduce innermost axes
 * without a transpose; everything else they transpose first, which is what made them slow).
 */
export function axisBlock(x: TensorInfo, axis: number | number[], keepDims: boolean): AxisBlock | null {
  if (x.dtype !== 'float32') return null;
  const rank = x.shape.length;
  const axes = [...new Set(util.parseAxisParam(axis, x.shape))].sort((a, b) => a - b);
  if (axes.length === 0) return null;
  const first = axes[0];
  const last = axes[axes.length - 1];
  if (last === rank - 1 || last - first + 1 !== axes.length) return null;
  const size = (from: number, to: number) => x.shape.slice(from, to).reduce((a, b) => a * b, 1);
  const [outShape] = backend_util.computeOutAndReduceShapes(x.shape, axes);
  return {
    outer: size(0, first),
    reduced: size(first, last + 1),
    inner: size(last + 1, rank),
    outShape: keepDims ? backend_util.expandShapeToKeepDim(outShape, axes) : outShape,
  };
}

// The largest divisor of `rows` that is at most MAX_WINDOW (1 when rows is prime and larger).
function windowRows(rows: number): number {
  if (rows <= MAX_WINDOW) return rows;
  for (let w = MAX_WINDOW; w > 1; w--) if (rows % w === 0) return w;
  return rows;
}

/**
 * Sums x over the block's reduced axes, times `scale`. The bulk runs in XNNPACK's average pooling
 * (SIMD, threaded): x seen as [outer * chunks, window, 1, inner] pooled by a [window, 1] window;
 * the few chunk means per output are then combined in float64.
 */
export function reduceAxisBlock(
  backend: BackendWasm,
  x: TensorInfo,
  block: AxisBlock,
  scale: number,
): TensorInfo {
  const { outer, reduced, inner } = block;
  const window = windowRows(reduced);
  const chunks = reduced / window;
  const means = runWasmKernel(
    backend,
    'AvgPool',
    { x: reshapeView(x, [outer * chunks, window, 1, inner]) },
    { filterSize: [window, 1], strides: [window, 1], pad: 'valid' },
  );
  const out = makeF32Output(backend, block.outShape);
  const src = f32(backend, means);
  const dst = f32(backend, out);
  const factor = window * scale;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let total = 0;
      for (let c = 0, at = o * chunks * inner + i; c < chunks; c++, at += inner) total += src[at];
      dst[o * inner + i] = total * factor;
    }
  }
  disposeIntermediate(backend, means);
  return out;
}
