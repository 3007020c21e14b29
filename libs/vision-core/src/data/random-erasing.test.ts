import { describe, expect, it } from 'vitest';
import { augmentImage, augmentImageAndMask, type FloatImage } from './augmentation';
import { eraseRandomRectangle, sampleErasedRectangle } from './random-erasing';
import { seededRandom } from './seeded-random';

function constantImage(width: number, height: number, value: number, channels = 1): FloatImage {
  return { width, height, channels, data: new Float32Array(width * height * channels).fill(value) };
}

describe('random erasing', () => {
  it('never erases at probability 0 and always draws a fitting rectangle at 1', () => {
    for (let i = 0; i < 50; i++) {
      expect(sampleErasedRectangle({ probability: 0 }, seededRandom(1, i), 48, 48)).toBeUndefined();
      const rect = sampleErasedRectangle({ probability: 1 }, seededRandom(1, i), 48, 48);
      expect(rect).toBeDefined();
      const { x, y, width, height } = rect!;
      expect(x).toBeGreaterThanOrEqual(0);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(x + width).toBeLessThanOrEqual(48);
      expect(y + height).toBeLessThanOrEqual(48);
      // Area within the paper's [0.02, 0.4] of the image, up to rounding of the sides.
      expect(width * height).toBeGreaterThan(0.01 * 48 * 48);
      expect(width * height).toBeLessThan(0.45 * 48 * 48);
    }
  });

  it('erases about the requested share of images', () => {
    let erased = 0;
    for (let i = 0; i < 2000; i++) if (sampleErasedRectangle({ probability: 0.3 }, seededRandom(2, i), 32, 32)) erased++;
    expect(erased / 2000).toBeGreaterThan(0.25);
    expect(erased / 2000).toBeLessThan(0.35);
  });

  it('overwrites exactly the drawn rectangle with values in the range, the same for the same seed', () => {
    const config = { probability: 1, valueRange: [2, 3] as const };
    const image = constantImage(20, 16, 0.5, 3);
    eraseRandomRectangle(image, config, seededRandom(5, 'e'));
    const rect = sampleErasedRectangle(config, seededRandom(5, 'e'), 20, 16)!;
    for (let y = 0; y < 16; y++) {
      for (let x = 0; x < 20; x++) {
        const inside = x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height;
        for (let k = 0; k < 3; k++) {
          const v = image.data[(y * 20 + x) * 3 + k];
          if (inside) {
            expect(v).toBeGreaterThanOrEqual(2);
            expect(v).toBeLessThan(3);
          } else expect(v).toBe(0.5);
        }
      }
    }
    const again = constantImage(20, 16, 0.5, 3);
    eraseRandomRectangle(again, config, seededRandom(5, 'e'));
    expect(again.data).toEqual(image.data);
  });

  it('names the field of a configuration it cannot draw from', () => {
    const rand = seededRandom(0);
    expect(() => sampleErasedRectangle({ probability: 1.5 }, rand, 8, 8)).toThrow(/probability must be between 0 and 1, got 1.5/);
    expect(() => sampleErasedRectangle({ probability: 1, area: [0.5, 0.2] }, rand, 8, 8)).toThrow(/area .* got \[0.5, 0.2\]/);
    expect(() => sampleErasedRectangle({ probability: 1, aspectRatio: [0, 2] }, rand, 8, 8)).toThrow(/aspect ratio/);
  });

  it('is part of augmentImage, and leaves a mask alone in augmentImageAndMask', () => {
    const plain = augmentImage(constantImage(24, 24, 0.5), {}, seededRandom(3));
    expect(plain.data.every((v) => v === 0.5)).toBe(true);
    const erased = augmentImage(constantImage(24, 24, 0.5), { randomErasing: { probability: 1 } }, seededRandom(3));
    expect(erased.data.some((v) => v !== 0.5)).toBe(true);
    const mask = constantImage(24, 24, 1);
    const pair = augmentImageAndMask(constantImage(24, 24, 0.5), mask, { randomErasing: { probability: 1 } }, seededRandom(3));
    expect(pair.image.data.some((v) => v !== 0.5)).toBe(true);
    expect(pair.mask.data.every((v) => v === 1)).toBe(true);
  });
});
