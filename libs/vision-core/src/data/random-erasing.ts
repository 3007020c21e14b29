import { uniform, type Random } from './seeded-random';
import type { FloatImage } from './augmentation';

/**
 * Random erasing (Zhong et al., "Random Erasing Data Augmentation", AAAI 2020): with probability
 * `probability`, one rectangle of the image is overwritten with uniform random values, so the
 * network cannot rely on any single region (a mouth, an eyebrow) being visible: an occlusion
 * regularizer. The rectangle's area is a fraction of the image uniform in `area`, its aspect ratio
 * (height / width) log-uniform in `aspectRatio`; up to 10 draws are tried for a rectangle that fits.
 */
export interface RandomErasingConfig {
  /** Chance that an image gets a rectangle, 0..1 (the paper's p, 0.5). */
  probability: number;
  /** [min, max] area as a fraction of the image (the paper's [0.02, 0.4]). */
  area?: readonly [number, number];
  /** [min, max] height / width (the paper's [0.3, 1 / 0.3]). */
  aspectRatio?: readonly [number, number];
  /** Pixel values are uniform in [low, high) (default [0, 1), images scaled to 0..1). */
  valueRange?: readonly [number, number];
}

export const RANDOM_ERASING_AREA: readonly [number, number] = [0.02, 0.4];
export const RANDOM_ERASING_ASPECT_RATIO: readonly [number, number] = [0.3, 1 / 0.3];

const MAX_ATTEMPTS = 10;

/** Throws a message naming the field when the configuration cannot be drawn from. */
export function checkRandomErasing(config: RandomErasingConfig): void {
  const { probability, area = RANDOM_ERASING_AREA, aspectRatio = RANDOM_ERASING_ASPECT_RATIO } = config;
  if (!(Number.isFinite(probability) && probability >= 0 && probability <= 1)) {
    throw new Error(`random erasing probability must be between 0 and 1, got ${probability}`);
  }
  if (!(area[0] > 0 && area[0] <= area[1] && area[1] <= 1)) {
    throw new Error(`random erasing area must be fractions 0 < min <= max <= 1, got [${area.join(', ')}]`);
  }
  if (!(aspectRatio[0] > 0 && aspectRatio[0] <= aspectRatio[1] && Number.isFinite(aspectRatio[1]))) {
    throw new Error(`random erasing aspect ratio must be 0 < min <= max, got [${aspectRatio.join(', ')}]`);
  }
  const values = config.valueRange;
  if (values && !(Number.isFinite(values[0]) && Number.isFinite(values[1]) && values[0] <= values[1])) {
    throw new Error(`random erasing value range must be finite with low <= high, got [${values.join(', ')}]`);
  }
}

/** The rectangle to erase ({x, y, width, height} in pixels), or undefined for none; draws from `rand`. */
export function sampleErasedRectangle(
  config: RandomErasingConfig,
  rand: Random,
  width: number,
  height: number,
): { x: number; y: number; width: number; height: number } | undefined {
  checkRandomErasing(config);
  if (rand() >= config.probability) return undefined;
  const area = config.area ?? RANDOM_ERASING_AREA;
  const [lowRatio, highRatio] = config.aspectRatio ?? RANDOM_ERASING_ASPECT_RATIO;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const target = uniform(rand, area[0], area[1]) * width * height;
    const ratio = Math.exp(uniform(rand, Math.log(lowRatio), Math.log(highRatio)));
    const h = Math.round(Math.sqrt(target * ratio));
    const w = Math.round(Math.sqrt(target / ratio));
    if (w >= 1 && h >= 1 && w < width && h < height) {
      const x = Math.floor(rand() * (width - w + 1));
      const y = Math.floor(rand() * (height - h + 1));
      return { x, y, width: w, height: h };
    }
  }
  return undefined;
}

/** Erases one random rectangle of `image` in place (every channel of each pixel its own value). */
export function eraseRandomRectangle(image: FloatImage, config: RandomErasingConfig, rand: Random): void {
  const rect = sampleErasedRectangle(config, rand, image.width, image.height);
  if (!rect) return;
  const [low, high] = config.valueRange ?? [0, 1];
  const { width: w, channels: c, data } = image;
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    for (let x = rect.x; x < rect.x + rect.width; x++) {
      const at = (y * w + x) * c;
      for (let k = 0; k < c; k++) data[at + k] = uniform(rand, low, high);
    }
  }
}
