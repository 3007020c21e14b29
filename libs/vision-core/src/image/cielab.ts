import type { RasterImage } from './raster-image';

// sRGB (IEC 61966-2-1) decoding table: 8-bit code value -> linear light.
const SRGB_TO_LINEAR = Float64Array.from({ length: 256 }, (_, v) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});
// D65 reference white (CIE 1931 2°), the white point of sRGB.
const XN = 0.95047;
const YN = 1.0;
const ZN = 1.08883;
const EPSILON = 216 / 24389;
const KAPPA = 24389 / 27;

function f(t: number): number {
  return t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
}

/** Converts one 8-bit sRGB colour to CIELAB (D65): L in 0..100, a and b roughly -128..127. */
export function srgbToLab(r: number, g: number, b: number): [number, number, number] {
  const rl = SRGB_TO_LINEAR[r];
  const gl = SRGB_TO_LINEAR[g];
  const bl = SRGB_TO_LINEAR[b];
  const x = (0.4124564 * rl + 0.3575761 * gl + 0.1804375 * bl) / XN;
  const y = (0.2126729 * rl + 0.7151522 * gl + 0.072175 * bl) / YN;
  const z = (0.0193339 * rl + 0.119192 * gl + 0.9503041 * bl) / ZN;
  const fx = f(x);
  const fy = f(y);
  const fz = f(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** CIELAB of every pixel of an RGB(A) image as interleaved [L, a, b] floats. */
export function toLab(image: RasterImage): Float32Array {
  if (image.channels === 1) throw new RangeError('toLab needs an RGB or RGBA image but got 1 channel');
  const { width, height, channels, data } = image;
  const out = new Float32Array(width * height * 3);
  for (let p = 0, i = 0; p < width * height; p++, i += channels) {
    const [l, a, b] = srgbToLab(data[i], data[i + 1], data[i + 2]);
    out[p * 3] = l;
    out[p * 3 + 1] = a;
    out[p * 3 + 2] = b;
  }
  return out;
}
