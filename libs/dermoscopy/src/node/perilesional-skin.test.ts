import { describe, expect, it } from 'vitest';

import { ellipse, paintLesion } from '../testing/synthetic-lesion';
import { perilesionalSkin } from './perilesional-skin';

describe('perilesionalSkin', () => {
  it('is a ring clear of the lesion, the frame edge and the dark corners', () => {
    const inside = ellipse(60, 50, 20, 16);
    // Dark corners like a dermoscope's vignetting: far from the centre the "skin" is nearly black.
    const { image, mask } = paintLesion(120, 100, inside, () => [120, 80, 60]);
    for (let y = 0; y < 100; y++) {
      for (let x = 0; x < 120; x++) {
        if (!inside(x, y) && Math.hypot(x - 60, y - 50) > 45) image.data.set([20, 15, 10], (y * 120 + x) * 3);
      }
    }
    const ring = perilesionalSkin(image, mask, { gap: 5, outer: 40, frameMargin: 4 });
    let n = 0;
    for (let i = 0; i < ring.data.length; i++) {
      if (!ring.data[i]) continue;
      n++;
      const x = i % 120;
      const y = (i - x) / 120;
      expect(mask.data[i]).toBe(0);
      expect(x >= 4 && y >= 4 && x < 116 && y < 96).toBe(true);
      expect(Math.hypot(x - 60, y - 50)).toBeLessThanOrEqual(45);
      // At least `gap` px from the lesion: the ellipse grown by 5 px does not contain it.
      expect(((x - 60) / 25) ** 2 + ((y - 50) / 21) ** 2).toBeGreaterThan(0.9);
    }
    expect(n).toBeGreaterThan(1500);
  });
});
