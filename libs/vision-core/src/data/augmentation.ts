import { eraseRandomRectangle, type RandomErasingConfig } from './random-erasing';
import { normalRandom, uniform, type Random } from './seeded-random';

/** A float image, row-major and channel-interleaved. */
export interface FloatImage {
  width: number;
  height: number;
  channels: number;
  data: Float32Array;
}

/** How pixels that come from outside the source image are filled (Keras `fill_mode`). */
export type FillMode = 'nearest' | 'reflect' | 'constant';

/**
 * Random augmentation, drawn independently for every sample and epoch (Keras
 * ImageDataGenerator vocabulary). Geometric parts apply to image and mask alike; photometric parts
 * (brightness, contrast, noise) to the image only.
 */
export interface AugmentationConfig {
  /** Rotation in degrees, uniform in [-rotationRange, rotationRange]. */
  rotationRange?: number;
  /** Horizontal shift as a fraction of the width, uniform in [-r, r]. */
  widthShiftRange?: number;
  /** Vertical shift as a fraction of the height, uniform in [-r, r]. */
  heightShiftRange?: number;
  /**
   * Isotropic zoom: content is scaled by a factor uniform in [1 - z, 1 + z] (> 1 enlarges, i.e.
   * zooms in). Unlike Keras, x and y share one factor so faces and lesions keep their aspect ratio.
   */
  zoomRange?: number;
  /** Mirror left-right with probability 0.5. */
  horizontalFlip?: boolean;
  /** Additive brightness offset uniform in [-b, b] (images are in [0, 1]). */
  brightnessRange?: number;
  /** Contrast factor uniform in [1 - c, 1 + c] around each channel's mean (tf.image.adjustContrast). */
  contrastRange?: number;
  /** Standard deviation of additive Gaussian pixel noise. */
  gaussianNoiseStd?: number;
  /** Default 'nearest' (edge pixels repeat), as in Keras. */
  fillMode?: FillMode;
  /** Image value for fillMode 'constant' (masks always fill with background). */
  fillValue?: number;
  /** Image resampling; masks always use nearest so they stay binary. Default 'bilinear'. */
  interpolation?: 'bilinear' | 'nearest';
  /** Random erasing after the photometric changes; the image only (a mask keeps the erased region). */
  randomErasing?: RandomErasingConfig;
}

/** One concrete draw of the random augmentation. */
export interface AugmentationParams {
  /** Rotation in radians; positive turns the content clockwise on screen (the y axis points down). */
  angle: number;
  /** Shift in pixels. */
  shiftX: number;
  shiftY: number;
  /** Content scale factor. */
  scale: number;
  flip: boolean;
  brightness: number;
  contrast: number;
  noiseStd: number;
}

/** Draws augmentation parameters from `rand` (always in the same order, so a seed fixes the draw). */
export function sampleAugmentation(config: AugmentationConfig, rand: Random, width: number, height: number): AugmentationParams {
  const r = (range: number | undefined): number => (range ? uniform(rand, -range, range) : 0);
  for (const key of [
    'rotationRange',
    'widthShiftRange',
    'heightShiftRange',
    'zoomRange',
    'brightnessRange',
    'contrastRange',
    'gaussianNoiseStd',
  ] as const) {
    const v = config[key];
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) {
      throw new Error(`augmentation ${key} must be a non-negative number, got ${v}`);
    }
  }
  if (config.zoomRange !== undefined && config.zoomRange >= 1) {
    throw new Error(`augmentation zoomRange must be < 1 (the scale is 1 ± zoomRange), got ${config.zoomRange}`);
  }
  return {
    angle: (r(config.rotationRange) * Math.PI) / 180,
    shiftX: r(config.widthShiftRange) * width,
    shiftY: r(config.heightShiftRange) * height,
    scale: 1 + r(config.zoomRange),
    flip: config.horizontalFlip ? rand() < 0.5 : false,
    brightness: r(config.brightnessRange),
    contrast: 1 + r(config.contrastRange),
    noiseStd: config.gaussianNoiseStd ?? 0,
  };
}

function reflectIndex(i: number, n: number): number {
  // Half-sample symmetric ("abcd|dcba"), as scipy/Keras 'reflect'.
  const period = 2 * n;
  let m = ((i % period) + period) % period;
  if (m >= n) m = period - 1 - m;
  return m;
}

/** Index of a possibly out-of-range pixel coordinate under the fill mode; -1 means "use the fill value". */
function resolveIndex(i: number, n: number, mode: FillMode): number {
  if (i >= 0 && i < n) return i;
  if (mode === 'nearest') return i < 0 ? 0 : n - 1;
  if (mode === 'reflect') return reflectIndex(i, n);
  return -1;
}

function isIdentityGeometry(p: AugmentationParams): boolean {
  return p.angle === 0 && p.shiftX === 0 && p.shiftY === 0 && p.scale === 1;
}

/**
 * Resamples an image under the geometric part of `params` by inverse mapping: output pixel p comes
 * from c + F(R(-angle)(p - c - shift) / scale), c the image centre, F the optional mirror.
 */
export function transformGeometry(
  image: FloatImage,
  params: AugmentationParams,
  { fillMode = 'nearest', fillValue = 0, interpolation = 'bilinear' }: Pick<AugmentationConfig, 'fillMode' | 'fillValue' | 'interpolation'> = {},
): FloatImage {
  const { width: w, height: h, channels: c, data } = image;
  const out = new Float32Array(data.length);
  if (isIdentityGeometry(params)) {
    // Exact copy or mirror: no resampling error, and much cheaper than the general path.
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const src = (y * w + (params.flip ? w - 1 - x : x)) * c;
        const dst = (y * w + x) * c;
        for (let k = 0; k < c; k++) out[dst + k] = data[src + k];
      }
    }
    return { width: w, height: h, channels: c, data: out };
  }
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  const cos = Math.cos(params.angle);
  const sin = Math.sin(params.angle);
  const fetch = (ix: number, iy: number, k: number): number => {
    const xi = resolveIndex(ix, w, fillMode);
    const yi = resolveIndex(iy, h, fillMode);
    return xi < 0 || yi < 0 ? fillValue : data[(yi * w + xi) * c + k];
  };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const dx = x - cx - params.shiftX;
      const dy = y - cy - params.shiftY;
      let rx = (cos * dx + sin * dy) / params.scale;
      const ry = (-sin * dx + cos * dy) / params.scale;
      if (params.flip) rx = -rx;
      const sx = cx + rx;
      const sy = cy + ry;
      const dst = (y * w + x) * c;
      if (interpolation === 'nearest') {
        const ix = Math.round(sx);
        const iy = Math.round(sy);
        for (let k = 0; k < c; k++) out[dst + k] = fetch(ix, iy, k);
        continue;
      }
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let k = 0; k < c; k++) {
        const top = fetch(x0, y0, k) * (1 - fx) + fetch(x0 + 1, y0, k) * fx;
        const bottom = fetch(x0, y0 + 1, k) * (1 - fx) + fetch(x0 + 1, y0 + 1, k) * fx;
        out[dst + k] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return { width: w, height: h, channels: c, data: out };
}

/** Applies contrast, brightness and Gaussian noise in place; noise is drawn from `rand`. */
export function adjustPhotometric(image: FloatImage, params: AugmentationParams, rand: Random): void {
  const { channels: c, data } = image;
  const pixels = data.length / c;
  if (params.contrast !== 1) {
    for (let k = 0; k < c; k++) {
      let mean = 0;
      for (let i = k; i < data.length; i += c) mean += data[i];
      mean /= pixels;
      for (let i = k; i < data.length; i += c) data[i] = (data[i] - mean) * params.contrast + mean;
    }
  }
  if (params.brightness !== 0) for (let i = 0; i < data.length; i++) data[i] += params.brightness;
  if (params.noiseStd > 0) for (let i = 0; i < data.length; i++) data[i] += params.noiseStd * normalRandom(rand);
}

/** Randomly augments one image (geometry, photometry, then erasing), all randomness from `rand`. */
export function augmentImage(image: FloatImage, config: AugmentationConfig, rand: Random): FloatImage {
  const params = sampleAugmentation(config, rand, image.width, image.height);
  const out = transformGeometry(image, params, config);
  adjustPhotometric(out, params, rand);
  if (config.randomErasing) eraseRandomRectangle(out, config.randomErasing, rand);
  return out;
}

/** Randomly augments an image and its mask with the same geometry; the mask stays binary and gets no photometry. */
export function augmentImageAndMask(
  image: FloatImage,
  mask: FloatImage,
  config: AugmentationConfig,
  rand: Random,
): { image: FloatImage; mask: FloatImage } {
  if (image.width !== mask.width || image.height !== mask.height) {
    throw new Error(`mask is ${mask.width}x${mask.height} but the image is ${image.width}x${image.height}`);
  }
  const params = sampleAugmentation(config, rand, image.width, image.height);
  const outImage = transformGeometry(image, params, config);
  const outMask = transformGeometry(mask, params, {
    fillMode: config.fillMode,
    fillValue: 0,
    interpolation: 'nearest',
  });
  adjustPhotometric(outImage, params, rand);
  if (config.randomErasing) eraseRandomRectangle(outImage, config.randomErasing, rand);
  return { image: outImage, mask: outMask };
}
