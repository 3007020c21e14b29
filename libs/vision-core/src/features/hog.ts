import { assertChannels, type RasterImage } from '../image/raster-image';

/** How each block's concatenated cell histograms are normalised (Dalal & Triggs, CVPR 2005, sec. 6.4). */
export type HogBlockNorm = 'L2-Hys' | 'L2' | 'L1' | 'L1-sqrt';

/** Histogram of Oriented Gradients parameters; defaults are Dalal-Triggs' (8x8 cells, 2x2 blocks, 9 bins). */
export interface HogOptions {
  /** Cell side in pixels. */
  cellSize?: number;
  /** Block side in cells. */
  blockSize?: number;
  /** Step between blocks in cells (1 = the usual 50% overlap for 2x2 blocks). */
  blockStride?: number;
  /** Orientation bins per cell. */
  orientations?: number;
  /** Signed gradients bin over 0-360 degrees; unsigned (the default, best for people/faces) over 0-180. */
  signed?: boolean;
  blockNorm?: HogBlockNorm;
  /** L2-Hys clipping threshold. */
  clip?: number;
}

const EPS = 1e-5;

function resolve(options: HogOptions): Required<HogOptions> {
  const o = {
    cellSize: options.cellSize ?? 8,
    blockSize: options.blockSize ?? 2,
    blockStride: options.blockStride ?? 1,
    orientations: options.orientations ?? 9,
    signed: options.signed ?? false,
    blockNorm: options.blockNorm ?? 'L2-Hys',
    clip: options.clip ?? 0.2,
  };
  for (const key of ['cellSize', 'blockSize', 'blockStride', 'orientations'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) {
      throw new RangeError(`HOG ${key} must be a positive integer, got ${o[key]}`);
    }
  }
  if (!(o.clip > 0)) throw new RangeError(`HOG clip must be positive, got ${o.clip}`);
  return o;
}

/** Cell and block grid of a HOG descriptor for an image of the given size. */
export function hogLayout(width: number, height: number, options: HogOptions = {}) {
  const o = resolve(options);
  const cellsX = Math.floor(width / o.cellSize);
  const cellsY = Math.floor(height / o.cellSize);
  if (cellsX < o.blockSize || cellsY < o.blockSize) {
    throw new RangeError(
      `HOG needs at least ${o.blockSize}x${o.blockSize} cells of ${o.cellSize}px but a ${width}x${height} image has ${cellsX}x${cellsY}`,
    );
  }
  const blocksX = Math.floor((cellsX - o.blockSize) / o.blockStride) + 1;
  const blocksY = Math.floor((cellsY - o.blockSize) / o.blockStride) + 1;
  const blockLength = o.blockSize * o.blockSize * o.orientations;
  return { cellsX, cellsY, blocksX, blocksY, blockLength, length: blocksX * blocksY * blockLength };
}

/**
 * Orientation histogram of every cell: centred [-1, 0, 1] gradients (no pre-smoothing, as Dalal-Triggs
 * found best), each pixel's magnitude split linearly between the two nearest orientation bins.
 * Pixels right of / below the last whole cell are ignored.
 */
function cellHistograms(image: RasterImage, o: Required<HogOptions>, cellsX: number, cellsY: number) {
  const { width, height, data } = image;
  const bins = o.orientations;
  const range = o.signed ? 2 * Math.PI : Math.PI;
  const binWidth = range / bins;
  const hist = new Float64Array(cellsX * cellsY * bins);
  const usedW = cellsX * o.cellSize;
  const usedH = cellsY * o.cellSize;
  for (let y = 0; y < usedH; y++) {
    const up = Math.max(y - 1, 0) * width;
    const down = Math.min(y + 1, height - 1) * width;
    const row = y * width;
    const cellRow = Math.floor(y / o.cellSize) * cellsX;
    for (let x = 0; x < usedW; x++) {
      const gx = data[row + Math.min(x + 1, width - 1)] - data[row + Math.max(x - 1, 0)];
      const gy = data[down + x] - data[up + x];
      const magnitude = Math.hypot(gx, gy);
      if (magnitude === 0) continue;
      let angle = Math.atan2(gy, gx);
      if (angle < 0) angle += 2 * Math.PI;
      if (!o.signed && angle >= Math.PI) angle -= Math.PI;
      // Bin centres sit at (b + 0.5) * binWidth; the histogram wraps around.
      const position = angle / binWidth - 0.5;
      const lower = Math.floor(position);
      const upperWeight = position - lower;
      const base = (cellRow + Math.floor(x / o.cellSize)) * bins;
      hist[base + ((lower + bins) % bins)] += magnitude * (1 - upperWeight);
      hist[base + ((lower + 1) % bins)] += magnitude * upperWeight;
    }
  }
  return hist;
}

function normaliseBlock(v: Float32Array, norm: HogBlockNorm, clip: number): void {
  const l2 = () => Math.sqrt(v.reduce((s, x) => s + x * x, 0) + EPS * EPS);
  if (norm === 'L1' || norm === 'L1-sqrt') {
    const l1 = v.reduce((s, x) => s + Math.abs(x), 0) + EPS;
    for (let i = 0; i < v.length; i++) v[i] = norm === 'L1' ? v[i] / l1 : Math.sqrt(v[i] / l1);
    return;
  }
  let n = l2();
  for (let i = 0; i < v.length; i++) v[i] /= n;
  if (norm === 'L2') return;
  for (let i = 0; i < v.length; i++) v[i] = Math.min(v[i], clip);
  n = l2();
  for (let i = 0; i < v.length; i++) v[i] /= n;
}

/**
 * HOG descriptor of a grayscale image (Dalal & Triggs 2005): cell orientation histograms grouped into
 * overlapping blocks, each block normalised (L2-Hys by default) and all blocks concatenated in
 * row-major block order, cells row-major within a block.
 */
export function hog(image: RasterImage, options: HogOptions = {}): Float32Array {
  assertChannels(image, 1, 'HOG');
  const o = resolve(options);
  const { cellsX, cellsY, blocksX, blocksY, blockLength, length } = hogLayout(image.width, image.height, o);
  const hist = cellHistograms(image, o, cellsX, cellsY);
  const out = new Float32Array(length);
  const bins = o.orientations;
  for (let by = 0; by < blocksY; by++) {
    for (let bx = 0; bx < blocksX; bx++) {
      const block = out.subarray((by * blocksX + bx) * blockLength, (by * blocksX + bx + 1) * blockLength);
      let k = 0;
      for (let cy = 0; cy < o.blockSize; cy++) {
        for (let cx = 0; cx < o.blockSize; cx++) {
          const cell = ((by * o.blockStride + cy) * cellsX + bx * o.blockStride + cx) * bins;
          for (let b = 0; b < bins; b++) block[k++] = hist[cell + b];
        }
      }
      normaliseBlock(block, o.blockNorm, o.clip);
    }
  }
  return out;
}
