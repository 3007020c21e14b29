import { describe, expect, it } from 'vitest';

import { clahe } from './clahe';
import { createRasterImage } from './raster-image';

describe('clahe', () => {
  const w = 32;
  const lowContrast = createRasterImage(
    w,
    w,
    1,
    new Uint8Array(w * w).map((_, i) => 100 + Math.floor(((i % w) * 20) / w)),
  );

  it('stretches a low-contrast gradient', () => {
    const out = clahe(lowContrast, { tilesX: 2, tilesY: 2, clipLimit: 40 });
    const row = Array.from(out.data.subarray(5 * w, 6 * w));
    expect(Math.max(...row) - Math.min(...row)).toBeGreaterThan(60);
  });

  it('with one tile and no effective clipping is monotonic like global equalisation', () => {
    const row = Array.from(clahe(lowContrast, { tilesX: 1, tilesY: 1, clipLimit: 256 }).data.subarray(0, w));
    for (let x = 1; x < w; x++) expect(row[x]).toBeGreaterThanOrEqual(row[x - 1]);
    expect(row[w - 1]).toBe(255);
  });

  it('limits the stretch with a lower clip limit', () => {
    const range = (clip: number) => {
      const d = clahe(lowContrast, { tilesX: 1, tilesY: 1, clipLimit: clip }).data;
      return Math.max(...d) - Math.min(...d);
    };
    expect(range(1.2)).toBeLessThan(range(8));
  });

  it('refuses colour input', () => {
    expect(() => clahe(createRasterImage(4, 4, 3))).toThrow(/1-channel/);
  });
});
