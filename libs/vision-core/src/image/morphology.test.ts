import { describe, expect, it } from 'vitest';

import { createBinaryMask } from './binary-mask';
import { blackHat, dilate, dilateMask, erode, erodeMask } from './morphology';
import { createRasterImage } from './raster-image';
import { diskStructuringElement, lineStructuringElement } from './structuring-element';

describe('morphology', () => {
  it('dilates and erodes a single bright pixel', () => {
    const img = createRasterImage(3, 3, 1, new Uint8Array([0, 0, 0, 0, 9, 0, 0, 0, 0]));
    const cross = diskStructuringElement(1);
    expect(Array.from(dilate(img, cross).data)).toEqual([0, 9, 0, 9, 9, 9, 0, 9, 0]);
    expect(Array.from(erode(img, cross).data)).toEqual(new Array(9).fill(0));
  });

  it('black-hat finds a thin dark line only with an element crossing it', () => {
    const w = 9;
    const img = createRasterImage(w, 5, 1, new Uint8Array(w * 5).fill(200));
    for (let y = 0; y < 5; y++) img.data[y * w + 4] = 50;
    const across = blackHat(img, lineStructuringElement(5, 0));
    const along = blackHat(img, lineStructuringElement(5, 90));
    expect(across.data[2 * w + 4]).toBe(150);
    expect(across.data[2 * w + 2]).toBe(0);
    expect(Math.max(...along.data)).toBe(0);
  });

  it('dilates and erodes binary masks', () => {
    const mask = createBinaryMask(5, 1, new Uint8Array([0, 0, 1, 0, 0]));
    const line = lineStructuringElement(3, 0);
    expect(Array.from(dilateMask(mask, line).data)).toEqual([0, 1, 1, 1, 0]);
    expect(Array.from(erodeMask(dilateMask(mask, line), line).data)).toEqual([0, 0, 1, 0, 0]);
  });
});
