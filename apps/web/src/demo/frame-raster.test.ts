import { describe, expect, it } from 'vitest';
import { fitWithin, rgbaToRgb } from './frame-raster';

describe('rgbaToRgb', () => {
  it('drops alpha and keeps the pixel order', () => {
    const image = rgbaToRgb(new Uint8ClampedArray([1, 2, 3, 255, 4, 5, 6, 0]), 2, 1);
    expect(image).toMatchObject({ width: 2, height: 1, channels: 3 });
    expect(Array.from(image.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('fitWithin', () => {
  it('scales the longer side down to the limit and never up', () => {
    expect(fitWithin(1920, 1080, 640)).toEqual({ width: 640, height: 360 });
    expect(fitWithin(300, 800, 400)).toEqual({ width: 150, height: 400 });
    expect(fitWithin(200, 100, 640)).toEqual({ width: 200, height: 100 });
  });
});
