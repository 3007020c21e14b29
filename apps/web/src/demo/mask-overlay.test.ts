import { createBinaryMask, createRasterImage } from '@visioncad/vision-core/image';
import { describe, expect, it } from 'vitest';
import { maskOverlay } from './mask-overlay';

describe('maskOverlay', () => {
  it('keeps pixels outside the mask, outlines its edge and tints its interior', () => {
    const image = createRasterImage(5, 5, 3, new Uint8Array(75).fill(100));
    const mask = createBinaryMask(5, 5);
    for (let y = 1; y <= 3; y++) for (let x = 1; x <= 3; x++) mask.data[y * 5 + x] = 1;
    const rgba = maskOverlay(image, mask, 0.5);
    const pixel = (x: number, y: number) => Array.from(rgba.subarray((y * 5 + x) * 4, (y * 5 + x) * 4 + 4));
    expect(pixel(0, 0)).toEqual([100, 100, 100, 255]);
    expect(pixel(1, 1)).toEqual([250, 204, 21, 255]);
    expect(pixel(2, 2)).toEqual([57, 133, 167, 255]);
  });

  it('names both sizes when the mask does not fit the image', () => {
    expect(() => maskOverlay(createRasterImage(4, 4, 3), createBinaryMask(3, 4))).toThrow(/3x4.*4x4/);
  });
});
