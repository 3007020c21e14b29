// Grayscale dilation / erosion by a flat structuring element, with the same result as vision-core's
// `dilate` / `erode` (offsets outside the image are ignored) but much faster for the line and disk
// elements dermoscopy uses (hair black-hat at 16 orientations, the D structure detector).
//
// The element is split into runs of consecutive offsets along rows (or columns, whichever gives
// fewer runs). The running extremum over each distinct run length is computed once; the result is
// the extremum over the runs of those running extrema, shifted. The image is padded with the neutral
// value (0 for max, 255 for min), which equals skipping outside offsets (see `extremumByRuns`).
// With WebAssembly SIMD (Node and current browsers) every step is a byte-wise max/min pass over the
// whole padded image, 16 pixels per instruction (byte-extrema.wat); without it a JS path (van Herk /
// Gil-Werman running extrema) gives the same bytes. Written here rather than in vision-core because
// this package owns the hot path; the tests pin both paths to vision-core's reference implementation.
import {
  createRasterImage,
  type BinaryMask,
  type RasterImage,
  type StructuringElement,
} from '@visioncad/vision-core/image';

import { BYTE_EXTREMA_WASM } from './byte-extrema-wasm';

/** A horizontal run of the element: offsets (x0..x0+length-1, dy). */
interface Run {
  dy: number;
  x0: number;
  length: number;
}

/** Runs of consecutive `along` offsets that share the same `across` offset. */
function runsOf(along: Int32Array, across: Int32Array): Run[] {
  const byRow = new Map<number, number[]>();
  for (let k = 0; k < along.length; k++) {
    const row = byRow.get(across[k]);
    if (row) row.push(along[k]);
    else byRow.set(across[k], [along[k]]);
  }
  const runs: Run[] = [];
  for (const [dy, xs] of byRow) {
    const sorted = [...new Set(xs)].sort((a, b) => a - b);
    let start = sorted[0];
    for (let i = 1; i <= sorted.length; i++) {
      if (i < sorted.length && sorted[i] === sorted[i - 1] + 1) continue;
      runs.push({ dy, x0: start, length: sorted[i - 1] - start + 1 });
      if (i < sorted.length) start = sorted[i];
    }
  }
  return runs;
}

/** Comparisons per pixel of a run decomposition: one per run plus three per distinct run length > 1. */
function cost(runs: Run[]): number {
  return runs.length + 3 * new Set(runs.filter((r) => r.length > 1).map((r) => r.length)).size;
}

function transpose(data: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) out[x * height + y] = data[row + x];
  }
  return out;
}

// Maxima below are written max(a, b) = a - (d & (d >> 31)) with d = a - b: branch-free (the
// comparisons are unpredictable on image data) and inlined by hand, which V8 runs ~3x faster here.

/**
 * Running maximum of window `length` along every row of a `pw`-wide image: out[i] is the maximum of
 * src[i .. i+length-1] (same row). van Herk / Gil-Werman: per block of `length` pixels, prefix and
 * suffix maxima; any window spans at most two blocks and is max(suffix[i], prefix[i+length-1]).
 */
function runningMax(src: Uint8Array, pw: number, ph: number, length: number): Uint8Array {
  const out = new Uint8Array(src.length);
  const prefix = new Uint8Array(pw);
  const suffix = new Uint8Array(pw);
  for (let y = 0; y < ph; y++) {
    const row = y * pw;
    for (let start = 0; start < pw; start += length) {
      const end = Math.min(start + length, pw);
      let acc = src[row + start];
      prefix[start] = acc;
      for (let x = start + 1; x < end; x++) {
        const d = acc - src[row + x];
        prefix[x] = acc -= d & (d >> 31);
      }
      acc = src[row + end - 1];
      suffix[end - 1] = acc;
      for (let x = end - 2; x >= start; x--) {
        const d = acc - src[row + x];
        suffix[x] = acc -= d & (d >> 31);
      }
    }
    for (let x = 0; x + length <= pw; x++) {
      const a = suffix[x];
      const d = a - prefix[x + length - 1];
      out[row + x] = a - (d & (d >> 31));
    }
  }
  return out;
}

/**
 * Maximum over the element (given as row runs) of a width x height image, or the minimum when
 * `min`: minima are computed as 255 - max(255 - v), so one branch-free code path serves both.
 */
function extremumByRuns(
  width: number,
  height: number,
  data: Uint8Array,
  runs: Run[],
  min: boolean,
): Uint8Array {
  let pad = 0;
  for (const r of runs) pad = Math.max(pad, Math.abs(r.dy), Math.abs(r.x0), Math.abs(r.x0 + r.length - 1));
  const pw = width + 2 * pad;
  const ph = height + 2 * pad;
  // Padding with 0 (the neutral value of max) is the same as skipping outside offsets wherever at
  // least one offset falls inside; where none does, vision-core also returns the neutral value.
  const padded = new Uint8Array(pw * ph);
  for (let y = 0; y < height; y++) {
    const o = (y + pad) * pw + pad;
    const row = y * width;
    if (min) for (let x = 0; x < width; x++) padded[o + x] = 255 - data[row + x];
    else padded.set(data.subarray(row, row + width), o);
  }
  const byLength = new Map<number, Uint8Array>();
  for (const r of runs) {
    if (!byLength.has(r.length))
      byLength.set(r.length, r.length === 1 ? padded : runningMax(padded, pw, ph, r.length));
  }
  const out = new Uint8Array(width * height);
  for (const r of runs) {
    const src = byLength.get(r.length)!;
    for (let y = 0; y < height; y++) {
      const o = y * width;
      const s = (y + pad + r.dy) * pw + pad + r.x0;
      for (let x = 0; x < width; x++) {
        const a = out[o + x];
        const d = a - src[s + x];
        out[o + x] = a - (d & (d >> 31));
      }
    }
  }
  if (min) for (let i = 0; i < out.length; i++) out[i] = 255 - out[i];
  return out;
}

/** The SIMD byte max/min passes of byte-extrema.wat on their own growable memory. */
interface ByteExtrema {
  memory: WebAssembly.Memory;
  max(dst: number, a: number, b: number, n: number): void;
  min(dst: number, a: number, b: number, n: number): void;
}

let byteExtrema: ByteExtrema | null | undefined;
let simdEnabled = true;

/** Switches the WebAssembly SIMD path off or on (tests and A/B benchmarks compare the two paths). */
export function setSimdMorphology(on: boolean): void {
  simdEnabled = on;
}

/** The SIMD passes, or null where WebAssembly or its SIMD extension is missing. */
function simdExtrema(): ByteExtrema | null {
  if (!simdEnabled) return null;
  if (byteExtrema !== undefined) return byteExtrema;
  byteExtrema = null;
  if (typeof WebAssembly === 'object') {
    const bytes = Uint8Array.from(atob(BYTE_EXTREMA_WASM), (ch) => ch.charCodeAt(0));
    if (WebAssembly.validate(bytes)) {
      const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes));
      byteExtrema = {
        memory: exports.memory as WebAssembly.Memory,
        max: exports.max_u8 as ByteExtrema['max'],
        min: exports.min_u8 as ByteExtrema['min'],
      };
    }
  }
  return byteExtrema;
}

/**
 * `extremumByRuns` with SIMD passes. Every buffer is the padded image (pw x ph) with `margin` bytes
 * either side, so shifted reads never leave it: P (the padded input), the running extremum of each
 * needed length (powers of two by doubling, other lengths from two overlapping power-of-two
 * windows) and the output, which accumulates one pass per run over the image's rows. With `columns`
 * the runs are vertical (`dy` is then the x offset and `x0` the first y offset): the same passes
 * with a step of one padded row instead of one byte, so no transposition is needed.
 */
function extremumByRunsSimd(
  wasm: ByteExtrema,
  width: number,
  height: number,
  data: Uint8Array,
  runs: Run[],
  columns: boolean,
  min: boolean,
): Uint8Array {
  let pad = 0;
  for (const r of runs) pad = Math.max(pad, Math.abs(r.dy), Math.abs(r.x0), Math.abs(r.x0 + r.length - 1));
  const pw = width + 2 * pad;
  const ph = height + 2 * pad;
  const n = pw * ph;
  const margin = pad * pw + pad + 16;
  const stride = n + 2 * margin;
  const lengths = [...new Set(runs.map((r) => r.length))];
  const longest = Math.max(...lengths);
  const needed = new Set<number>([1]);
  for (let p = 2; p <= longest; p *= 2) needed.add(p);
  for (const l of lengths) needed.add(l);
  const slot = new Map<number, number>();
  for (const l of [...needed].sort((a, b) => a - b)) slot.set(l, slot.size);
  const outSlot = slot.size;
  const bytes = (outSlot + 1) * stride;
  const pages = Math.ceil(bytes / 65536) - wasm.memory.buffer.byteLength / 65536;
  if (pages > 0) wasm.memory.grow(pages);
  const heap = new Uint8Array(wasm.memory.buffer);
  const base = (s: number) => s * stride + margin;
  const op = min ? wasm.min : wasm.max;
  const neutral = min ? 255 : 0;

  const p0 = base(0);
  heap.fill(neutral, p0 - margin, p0 - margin + stride);
  for (let y = 0; y < height; y++)
    heap.set(data.subarray(y * width, (y + 1) * width), p0 + (y + pad) * pw + pad);
  // Running extremum of length L at index i covers P[i .. i+L-1]; computed over the whole buffer
  // but the last L-1 bytes, which no read reaches.
  const step = columns ? pw : 1;
  let power = 1;
  for (const l of [...needed].sort((a, b) => a - b)) {
    if (l === 1) continue;
    const isPower = (l & (l - 1)) === 0;
    const from = isPower ? l / 2 : power;
    const src = base(slot.get(from)!) - margin;
    const shift = (isPower ? from : l - from) * step;
    op(base(slot.get(l)!) - margin, src, src + shift, stride - shift);
    if (isPower) power = l;
  }
  const out = base(outSlot);
  heap.fill(neutral, out - margin, out - margin + stride);
  const rows = out + pad * pw;
  for (const r of runs) {
    const shift = columns ? r.dy + r.x0 * pw : r.dy * pw + r.x0;
    op(rows, rows, base(slot.get(r.length)!) + pad * pw + shift, height * pw);
  }
  const result = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const at = rows + y * pw + pad;
    result.set(heap.subarray(at, at + width), y * width);
  }
  return result;
}

/** The element's runs along rows, or along columns (then the image is transposed) when that is cheaper. */
function decompose(se: StructuringElement): { runs: Run[]; transposed: boolean } {
  const rows = runsOf(se.dx, se.dy);
  const columns = runsOf(se.dy, se.dx);
  return cost(columns) < cost(rows) ? { runs: columns, transposed: true } : { runs: rows, transposed: false };
}

/**
 * Extremum of `data` (width x height, one byte per pixel) over the flat element `se`: the maximum
 * (dilation) or minimum (erosion), ignoring offsets outside the image. Equal to vision-core's
 * `dilate` / `erode` pixel for pixel.
 */
export function runExtremum(
  width: number,
  height: number,
  data: Uint8Array,
  se: StructuringElement,
  max: boolean,
): Uint8Array {
  if (se.dx.length === 0) return new Uint8Array(data.length).fill(max ? 0 : 255);
  const { runs, transposed } = decompose(se);
  const wasm = simdExtrema();
  if (wasm) return extremumByRunsSimd(wasm, width, height, data, runs, transposed, !max);
  if (!transposed) return extremumByRuns(width, height, data, runs, !max);
  const t = extremumByRuns(height, width, transpose(data, width, height), runs, !max);
  return transpose(t, height, width);
}

/** Closing (dilation then erosion) of a width x height byte image by `se`, transposing at most once each way. */
export function runClosing(
  width: number,
  height: number,
  data: Uint8Array,
  se: StructuringElement,
): Uint8Array {
  if (se.dx.length === 0) return new Uint8Array(data.length).fill(255);
  const { runs, transposed } = decompose(se);
  const wasm = simdExtrema();
  if (wasm) {
    const dilated = extremumByRunsSimd(wasm, width, height, data, runs, transposed, false);
    return extremumByRunsSimd(wasm, width, height, dilated, runs, transposed, true);
  }
  if (!transposed)
    return extremumByRuns(width, height, extremumByRuns(width, height, data, runs, false), runs, true);
  const t = transpose(data, width, height);
  const closed = extremumByRuns(height, width, extremumByRuns(height, width, t, runs, false), runs, true);
  return transpose(closed, height, width);
}

function gray(image: RasterImage, what: string): void {
  if (image.channels !== 1)
    throw new RangeError(`${what} needs a 1-channel image but got ${image.channels} channels`);
}

/** Grayscale dilation (local maximum over the element). Same result as vision-core `dilate`. */
export function dilateFast(image: RasterImage, se: StructuringElement): RasterImage {
  gray(image, 'dilateFast');
  return createRasterImage(
    image.width,
    image.height,
    1,
    runExtremum(image.width, image.height, image.data, se, true),
  );
}

/** Grayscale erosion (local minimum over the element). Same result as vision-core `erode`. */
export function erodeFast(image: RasterImage, se: StructuringElement): RasterImage {
  gray(image, 'erodeFast');
  return createRasterImage(
    image.width,
    image.height,
    1,
    runExtremum(image.width, image.height, image.data, se, false),
  );
}

/** Morphological closing (dilation then erosion). Same result as vision-core `morphologicalClose`. */
export function closeFast(image: RasterImage, se: StructuringElement): RasterImage {
  gray(image, 'closeFast');
  return createRasterImage(
    image.width,
    image.height,
    1,
    runClosing(image.width, image.height, image.data, se),
  );
}

/** Black-hat (closing minus image, modulo 256 like vision-core `blackHat`, which it equals). */
export function blackHatFast(image: RasterImage, se: StructuringElement): RasterImage {
  const closed = closeFast(image, se);
  const out = closed.data;
  for (let i = 0; i < out.length; i++) out[i] = out[i] - image.data[i];
  return closed;
}

/** Binary dilation of a 0/1 mask. Same result as vision-core `dilateMask`. */
export function dilateMaskFast(mask: BinaryMask, se: StructuringElement): BinaryMask {
  return {
    width: mask.width,
    height: mask.height,
    data: runExtremum(mask.width, mask.height, mask.data, se, true),
  };
}

/** Binary erosion of a 0/1 mask (outside pixels ignored). Same result as vision-core `erodeMask`. */
export function erodeMaskFast(mask: BinaryMask, se: StructuringElement): BinaryMask {
  return {
    width: mask.width,
    height: mask.height,
    data: runExtremum(mask.width, mask.height, mask.data, se, false),
  };
}
