import { describe, expect, it } from 'vitest';
import { createBinaryMask } from '@visioncad/vision-core/image';
import { heatMapRaster, maskOverlay, maskRaster } from './analysis-dermoscopy';

describe('analysis rasters', () => {
  it('draws the mask as a translucent fill inside an opaque contour, transparent outside', () => {
    const width = 500;
    const height = 300;
    const mask = createBinaryMask(width, height);
    for (let y = 100; y < 200; y++) for (let x = 150; x < 350; x++) mask.data[y * width + x] = 1;
    const overlay = maskOverlay(mask);
    const alpha = (x: number, y: number) => overlay.data[(y * width + x) * 4 + 3];
    expect(overlay.channels).toBe(4);
    expect(alpha(10, 10)).toBe(0);
    expect(alpha(250, 150)).toBeGreaterThan(0);
    expect(alpha(250, 150)).toBeLessThan(255);
    // The contour is about 1/250 of the longer side (2 px here) wide.
    expect(alpha(150, 150)).toBe(255);
    expect(alpha(151, 150)).toBe(255);
    expect(alpha(155, 150)).toBeLessThan(255);
    expect(Array.from(maskRaster(mask).data.subarray(100 * width + 150, 100 * width + 152))).toEqual([
      255, 255,
    ]);
  });

  it('colours the heat map and leaves zero importance transparent', () => {
    const map = { width: 2, height: 1, data: Float32Array.from([0, 1]), classIndex: 0, score: 0.9 };
    const raster = heatMapRaster(map);
    expect(Array.from(raster.data.subarray(0, 4))).toEqual([0, 0, 128, 0]);
    expect(raster.data[7]).toBe(220);
    expect(raster.data[4]).toBeGreaterThan(raster.data[6]);
  });
});
