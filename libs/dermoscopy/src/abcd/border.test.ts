import { describe, expect, it } from 'vitest';

import { paintLesion, SKIN } from '../testing/synthetic-lesion';
import { border } from './border';

const W = 140;
const H = 140;
const R = 40;

/** A disk lesion whose pigment fades linearly to skin over `fade(x, y)` pixels centred on the mask edge. */
function diskWithFade(fade: (x: number, y: number) => number) {
  const dark = [80, 50, 35] as const;
  const scene = paintLesion(
    W,
    H,
    (x, y) => Math.hypot(x - 70, y - 70) <= R,
    () => dark,
  );
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const d = Math.hypot(x - 70, y - 70) - R;
      const width = fade(x, y);
      const t = width <= 0 ? (d <= 0 ? 0 : 1) : Math.min(Math.max((d + width / 2) / width, 0), 1);
      const p = (y * W + x) * 3;
      for (let k = 0; k < 3; k++) scene.image.data[p + k] = Math.round(dark[k] + (SKIN[k] - dark[k]) * t);
    }
  }
  return scene;
}

describe('border', () => {
  it('scores a sharply cut-off disk 8', () => {
    const { image, mask } = diskWithFade(() => 0);
    const result = border(image, mask);
    expect(result.score).toBe(8);
    expect(result.sectors.every((s) => s.edgePixels > 0)).toBe(true);
  });

  it('scores a disk fading gradually into the skin 0', () => {
    const { image, mask } = diskWithFade(() => 30);
    expect(border(image, mask).score).toBe(0);
  });

  it('counts only the sharp half of a half-sharp disk', () => {
    const { image, mask } = diskWithFade((x) => (x > 70 ? 0 : 30));
    const score = border(image, mask).score;
    expect(score).toBeGreaterThanOrEqual(3);
    expect(score).toBeLessThanOrEqual(5);
  });
});
