import { dice } from '@visioncad/vision-core/metrics';
import { describe, expect, it } from 'vitest';

import { ellipse, paintLesion } from '../testing/synthetic-lesion';
import { segmentLesionOtsu } from './otsu-segmentation';

describe('segmentLesionOtsu', () => {
  it('segments a dark lesion despite dark vignetted corners and noise', () => {
    const W = 120;
    const H = 90;
    const { image, mask } = paintLesion(W, H, ellipse(60, 45, 28, 20), (x, y) => [
      110 + ((x * 7 + y * 3) % 20),
      70,
      45 + ((x + y) % 10),
    ]);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const p = y * W + x;
        if (Math.hypot(x - W / 2, y - H / 2) > 72) image.data.set([20, 15, 15], p * 3);
        else if (!mask.data[p] && (x * 13 + y * 7) % 17 === 0) image.data.set([150, 110, 90], p * 3);
      }
    }
    const result = segmentLesionOtsu(image);
    expect(dice(mask.data, result.mask.data)).toBeGreaterThan(0.95);
    expect(result.threshold).toBeGreaterThan(45);
    expect(result.threshold).toBeLessThan(150);
  });
});
