import { describe, expect, it } from 'vitest';
import {
  augmentImage,
  augmentImageAndMask,
  sampleAugmentation,
  transformGeometry,
  type AugmentationParams,
  type FloatImage,
} from './augmentation';
import { seededRandom } from './seeded-random';

const none: AugmentationParams = {
  angle: 0,
  shiftX: 0,
  shiftY: 0,
  scale: 1,
  flip: false,
  brightness: 0,
  contrast: 1,
  noiseStd: 0,
};

function randomImage(width: number, height: number, channels: number, seed: number): FloatImage {
  const rand = seededRandom(seed, 'test-image');
  return { width, height, channels, data: Float32Array.from({ length: width * height * channels }, rand) };
}

/** A blob mask (ellipse off-centre) so geometry changes are visible. */
function blobMask(width: number, height: number): FloatImage {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      data[y * width + x] = ((x - 12) / 7) ** 2 + ((y - 9) / 5) ** 2 <= 1 ? 1 : 0;
    }
  }
  return { width, height, channels: 1, data };
}

describe('geometric transforms', () => {
  it('horizontal flip mirrors every row exactly', () => {
    const img = randomImage(7, 5, 3, 1);
    const out = transformGeometry(img, { ...none, flip: true });
    for (let y = 0; y < 5; y++) {
      for (let x = 0; x < 7; x++) {
        for (let k = 0; k < 3; k++) expect(out.data[(y * 7 + x) * 3 + k]).toBe(img.data[(y * 7 + (6 - x)) * 3 + k]);
      }
    }
  });

  it('random flip only ever returns the image or its exact mirror, both over many draws', () => {
    const img = randomImage(6, 4, 1, 2);
    const mirror = transformGeometry(img, { ...none, flip: true }).data;
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const out = augmentImage(img, { horizontalFlip: true }, seededRandom(3, i)).data;
      const kind = out.every((v, j) => v === img.data[j]) ? 'same' : out.every((v, j) => v === mirror[j]) ? 'mirror' : 'other';
      seen.add(kind);
    }
    expect([...seen].sort()).toEqual(['mirror', 'same']);
  });

  it('an integer shift moves content right/down and fills with the edge by default', () => {
    const img = randomImage(5, 4, 1, 4);
    const out = transformGeometry(img, { ...none, shiftX: 2, shiftY: 1 });
    expect(out.data[2 * 5 + 3]).toBeCloseTo(img.data[1 * 5 + 1], 6);
    expect(out.data[0]).toBeCloseTo(img.data[0], 6); // clamped to the top-left pixel
    const constant = transformGeometry(img, { ...none, shiftX: 2 }, { fillMode: 'constant', fillValue: -1 });
    expect(constant.data[0]).toBe(-1);
    const reflect = transformGeometry(img, { ...none, shiftX: 2 }, { fillMode: 'reflect' });
    expect(reflect.data[0]).toBeCloseTo(img.data[1], 6); // "ba|abcd": column -2 reflects to 1
  });

  it('rotating a square by +90 degrees turns the content clockwise', () => {
    const img = randomImage(5, 5, 1, 5);
    const out = transformGeometry(img, { ...none, angle: Math.PI / 2 }, { interpolation: 'nearest' });
    // Clockwise: source (x, y) lands at (4 - y, x).
    for (let y = 0; y < 5; y++) {
      for (let x = 0; x < 5; x++) expect(out.data[x * 5 + (4 - y)]).toBe(img.data[y * 5 + x]);
    }
  });

  it('zoom > 1 enlarges content about the centre', () => {
    const mask = blobMask(24, 18);
    const area = (m: FloatImage): number => m.data.reduce((s, v) => s + v, 0);
    const zoomed = transformGeometry(mask, { ...none, scale: 1.3 }, { interpolation: 'nearest', fillMode: 'constant' });
    expect(area(zoomed) / area(mask)).toBeGreaterThan(1.4);
  });
});

describe('image + mask augmentation', () => {
  const config = {
    rotationRange: 25,
    widthShiftRange: 0.15,
    heightShiftRange: 0.15,
    zoomRange: 0.2,
    horizontalFlip: true,
  };

  it('transforms image and mask with identical geometry', () => {
    const mask = blobMask(24, 18);
    const image: FloatImage = { ...mask, data: Float32Array.from(mask.data) };
    for (let i = 0; i < 20; i++) {
      const out = augmentImageAndMask(image, mask, { ...config, interpolation: 'nearest' }, seededRandom(9, i));
      expect(Array.from(out.image.data)).toEqual(Array.from(out.mask.data));
    }
    // Bilinear images agree with the nearest-resampled mask except along the blob's edge.
    const out = augmentImageAndMask(image, mask, config, seededRandom(9, 0));
    const agree = out.image.data.filter((v, j) => Math.round(v) === out.mask.data[j]).length;
    expect(agree / out.mask.data.length).toBeGreaterThan(0.95);
  });

  it('keeps the mask binary and free of photometric changes', () => {
    const mask = blobMask(24, 18);
    const image = randomImage(24, 18, 3, 7);
    const out = augmentImageAndMask(
      image,
      mask,
      { ...config, brightnessRange: 0.3, contrastRange: 0.3, gaussianNoiseStd: 0.1 },
      seededRandom(1, 1),
    );
    expect(out.mask.data.every((v) => v === 0 || v === 1)).toBe(true);
    expect(out.mask.data.some((v) => v === 1)).toBe(true);
    expect(out.image.data.some((v) => v < 0 || v > 1)).toBe(true); // noise reached the image
  });

  it('is reproducible from the seed and differs between seeds', () => {
    const image = randomImage(16, 16, 1, 8);
    const full = { ...config, brightnessRange: 0.2, gaussianNoiseStd: 0.05 };
    const a = augmentImage(image, full, seededRandom(5, 'augment', 0, 3)).data;
    const b = augmentImage(image, full, seededRandom(5, 'augment', 0, 3)).data;
    const c = augmentImage(image, full, seededRandom(5, 'augment', 1, 3)).data;
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('rejects invalid ranges and mismatched masks', () => {
    expect(() => sampleAugmentation({ zoomRange: 1.2 }, Math.random, 4, 4)).toThrow('zoomRange must be < 1');
    expect(() => sampleAugmentation({ rotationRange: -3 }, Math.random, 4, 4)).toThrow('rotationRange');
    expect(() => augmentImageAndMask(randomImage(4, 4, 1, 1), blobMask(5, 4), {}, Math.random)).toThrow(
      'mask is 5x4 but the image is 4x4',
    );
  });
});
