import { assertChannels, type RasterImage } from '../image/raster-image';

/**
 * Local binary pattern parameters (Ojala, Pietikäinen & Mäenpää, TPAMI 2002) and the regional
 * histograms of Ahonen, Hadid & Pietikäinen (TPAMI 2006); defaults are LBP^u2_{8,1} over a 6x6 grid.
 */
export interface LbpOptions {
  /** Neighbours sampled on the circle (P). */
  points?: number;
  /** Circle radius in pixels (R); off-grid neighbours are interpolated bilinearly. */
  radius?: number;
  /**
   * 'uniform' (u2): each pattern with at most two 0/1 transitions around the circle has its own bin
   * and all others share one, P(P-1)+3 bins; 'none': one bin per code, 2^P bins.
   */
  mapping?: 'uniform' | 'none';
  /** Regions across the image, one histogram each. */
  gridX?: number;
  /** Regions down the image. */
  gridY?: number;
}

/** Largest P: the 'none' mapping and the code table hold 2^P entries. */
const MAX_POINTS = 16;

function resolve(options: LbpOptions): Required<LbpOptions> {
  const o = {
    points: options.points ?? 8,
    radius: options.radius ?? 1,
    mapping: options.mapping ?? 'uniform',
    gridX: options.gridX ?? 6,
    gridY: options.gridY ?? 6,
  };
  if (!Number.isInteger(o.points) || o.points < 2 || o.points > MAX_POINTS) {
    throw new RangeError(`LBP points must be an integer from 2 to ${MAX_POINTS}, got ${o.points}`);
  }
  if (!(o.radius > 0) || !Number.isFinite(o.radius)) {
    throw new RangeError(`LBP radius must be a positive number, got ${o.radius}`);
  }
  if (o.mapping !== 'uniform' && o.mapping !== 'none') {
    throw new RangeError(`LBP mapping must be 'uniform' or 'none', got ${String(o.mapping)}`);
  }
  for (const key of ['gridX', 'gridY'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) {
      throw new RangeError(`LBP ${key} must be a positive integer, got ${o[key]}`);
    }
  }
  return o;
}

/** Bins of one regional histogram. */
export function lbpBins(options: LbpOptions = {}): number {
  const o = resolve(options);
  return o.mapping === 'uniform' ? o.points * (o.points - 1) + 3 : 2 ** o.points;
}

/** Circular 0/1 transitions of a P-bit code. */
function transitions(code: number, points: number): number {
  let count = 0;
  for (let p = 0; p < points; p++) {
    if (((code >> p) & 1) !== ((code >> ((p + 1) % points)) & 1)) count++;
  }
  return count;
}

/** Bin tables already built, by P and mapping: every image of a data set shares one. */
const binTables = new Map<string, Uint16Array>();

/** Bin of every P-bit code: uniform codes in increasing code order, then one bin for the rest. */
function binTable(points: number, mapping: 'uniform' | 'none'): Uint16Array {
  const key = `${points}/${mapping}`;
  const cached = binTables.get(key);
  if (cached) return cached;
  const table = new Uint16Array(2 ** points);
  if (mapping === 'none') {
    table.forEach((_, code) => (table[code] = code));
  } else {
    const other = points * (points - 1) + 2;
    let next = 0;
    for (let code = 0; code < table.length; code++) {
      table[code] = transitions(code, points) <= 2 ? next++ : other;
    }
  }
  binTables.set(key, table);
  return table;
}

/**
 * LBP code of every pixel whose circle lies inside the image: neighbour p sits at angle 2πp/P
 * counter-clockwise from the right (y grows downwards) and sets bit p when it is not darker than the
 * centre. Returns the codes of the inner (width - 2m) x (height - 2m) pixels, m = ceil(radius).
 */
export function lbpCodes(image: RasterImage, options: LbpOptions = {}) {
  assertChannels(image, 1, 'LBP');
  const o = resolve(options);
  const margin = Math.ceil(o.radius - 1e-9);
  const { width, height, data } = image;
  const innerW = width - 2 * margin;
  const innerH = height - 2 * margin;
  if (innerW < 1 || innerH < 1) {
    throw new RangeError(
      `LBP with radius ${o.radius} needs an image wider and taller than ${2 * margin} px, got ${width}x${height}`,
    );
  }
  // Neighbour offsets and bilinear weights, the same for every pixel.
  const neighbours = Array.from({ length: o.points }, (_, p) => {
    const angle = (2 * Math.PI * p) / o.points;
    const round = (v: number) => (Math.abs(v - Math.round(v)) < 1e-6 ? Math.round(v) : v);
    const dx = round(o.radius * Math.cos(angle));
    const dy = round(-o.radius * Math.sin(angle));
    const x0 = Math.floor(dx);
    const y0 = Math.floor(dy);
    const fx = dx - x0;
    const fy = dy - y0;
    return { x0, y0, w00: (1 - fx) * (1 - fy), w10: fx * (1 - fy), w01: (1 - fx) * fy, w11: fx * fy };
  });
  const codes = new Uint32Array(innerW * innerH);
  for (let y = 0; y < innerH; y++) {
    const cy = y + margin;
    for (let x = 0; x < innerW; x++) {
      const cx = x + margin;
      const centre = data[cy * width + cx];
      let code = 0;
      for (let p = 0; p < o.points; p++) {
        const n = neighbours[p];
        const i = (cy + n.y0) * width + cx + n.x0;
        // Weights of 0 never read past the image edge (x0 + 1 or y0 + 1 can be one beyond it).
        let value = n.w00 * data[i];
        if (n.w10 > 0) value += n.w10 * data[i + 1];
        if (n.w01 > 0) value += n.w01 * data[i + width];
        if (n.w11 > 0) value += n.w11 * data[i + width + 1];
        // A tolerance keeps interpolated equal values equal despite rounding.
        if (value >= centre - 1e-9) code |= 1 << p;
      }
      codes[y * innerW + x] = code;
    }
  }
  return { codes, width: innerW, height: innerH, margin };
}

/**
 * Face description by LBP (Ahonen et al. 2006): the image is split into gridX x gridY regions, each
 * region's histogram of (uniform) LBP codes is normalised to sum to 1, and the histograms are
 * concatenated in row-major region order. Border pixels without a full circle are not coded.
 */
export function lbpHistogram(image: RasterImage, options: LbpOptions = {}): Float32Array {
  const o = resolve(options);
  const { codes, width, height, margin } = lbpCodes(image, o);
  if (o.gridX > width || o.gridY > height) {
    throw new RangeError(
      `LBP grid ${o.gridX}x${o.gridY} has more regions than the ${width}x${height} coded pixels of a ${image.width}x${image.height} image (radius ${o.radius})`,
    );
  }
  const bins = lbpBins(o);
  const table = binTable(o.points, o.mapping);
  const out = new Float32Array(o.gridX * o.gridY * bins);
  const counts = new Uint32Array(o.gridX * o.gridY);
  // Regions split the whole image; a coded pixel belongs to the region of its image position.
  for (let y = 0; y < height; y++) {
    const ry = Math.floor(((y + margin) * o.gridY) / image.height);
    for (let x = 0; x < width; x++) {
      const region = ry * o.gridX + Math.floor(((x + margin) * o.gridX) / image.width);
      out[region * bins + table[codes[y * width + x]]]++;
      counts[region]++;
    }
  }
  for (let r = 0; r < counts.length; r++) {
    if (counts[r] === 0) continue;
    for (let b = 0; b < bins; b++) out[r * bins + b] /= counts[r];
  }
  return out;
}
