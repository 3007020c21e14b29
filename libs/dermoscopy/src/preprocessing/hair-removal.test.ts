import {
  createBinaryMask,
  createRasterImage,
  diskStructuringElement,
  dilateMask,
  type RasterImage,
} from '@visioncad/vision-core/image';
import { describe, expect, it } from 'vitest';

import { ellipse, paintLesion, SKIN } from '../testing/synthetic-lesion';
import { removeHair } from './hair-removal';

// PH2-like scale: a lesion tens of pixels across with a softened edge.
const W = 200;
const H = 150;

function hairyScene() {
  const { image, mask: lesion } = paintLesion(W, H, ellipse(100, 75, 60, 45), () => [120, 75, 50]);
  const hair = new Uint8Array(W * H);
  // Two 2-px-wide dark hairs: one horizontal-ish, one diagonal, both crossing skin.
  for (let x = 5; x < W - 5; x++) {
    for (const dy of [0, 1]) {
      const y = Math.round(15 + x * 0.1) + dy;
      hair[y * W + x] = 1;
      const yd = Math.round(x * 0.7) + dy;
      if (yd < H) hair[yd * W + x] = 1;
    }
  }
  // Small dark dots inside the lesion: dermoscopic dots that must not be mistaken for hair.
  const dots = new Uint8Array(W * H);
  // Kept more than the mask dilation away from the hairs.
  for (const [dx, dy] of [
    [130, 50],
    [80, 100],
    [110, 110],
  ]) {
    for (let y = dy; y < dy + 3; y++) for (let x = dx; x < dx + 3; x++) dots[y * W + x] = 1;
  }
  for (let p = 0; p < W * H; p++) {
    if (hair[p]) image.data.set([40, 30, 25], p * 3);
    if (dots[p]) image.data.set([30, 20, 15], p * 3);
  }
  return { image: boxBlur3(image), lesion, hair, dots };
}

/** Real dermoscopy images are never pixel-sharp; a hard-edged synthetic ellipse has stair-step pixels that look like hair. */
function boxBlur3(image: RasterImage): RasterImage {
  const out = createRasterImage(image.width, image.height, 3);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      for (let k = 0; k < 3; k++) {
        let sum = 0;
        let n = 0;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const xx = x + dx;
            const yy = y + dy;
            if (xx < 0 || yy < 0 || xx >= image.width || yy >= image.height) continue;
            sum += image.data[(yy * image.width + xx) * 3 + k];
            n++;
          }
        }
        out.data[(y * image.width + x) * 3 + k] = Math.round(sum / n);
      }
    }
  }
  return out;
}

describe('removeHair', () => {
  const scene = hairyScene();
  const result = removeHair(scene.image);

  it('finds the hairs and leaves dots and the lesion body alone', () => {
    // The mask is dilated around hairs, so only lesion pixels well away from a hair must stay clear.
    const nearHair = dilateMask(createBinaryMask(W, H, scene.hair), diskStructuringElement(6)).data;
    let hairFound = 0;
    let hairTotal = 0;
    let dotFound = 0;
    let lesionFound = 0;
    let lesionTotal = 0;
    for (let p = 0; p < W * H; p++) {
      if (scene.hair[p]) {
        hairTotal++;
        hairFound += result.hairMask.data[p];
      }
      if (scene.dots[p]) dotFound += result.hairMask.data[p];
      if (scene.lesion.data[p] && !nearHair[p] && !scene.dots[p]) {
        lesionTotal++;
        lesionFound += result.hairMask.data[p];
      }
    }
    expect(hairFound / hairTotal).toBeGreaterThan(0.9);
    expect(dotFound).toBe(0);
    expect(lesionFound / lesionTotal).toBeLessThan(0.02);
  });

  it('inpaints hair on skin with skin colour', () => {
    let diff = 0;
    let n = 0;
    for (let p = 0; p < W * H; p++) {
      if (!scene.hair[p] || scene.lesion.data[p]) continue;
      for (let k = 0; k < 3; k++) diff += Math.abs(result.image.data[p * 3 + k] - SKIN[k]);
      n += 3;
    }
    expect(diff / n).toBeLessThan(12);
  });

  it('returns the black-hat response and leaves a hairless image untouched', () => {
    expect(result.blackHat.channels).toBe(1);
    const clean = paintLesion(60, 40, ellipse(30, 20, 10, 8), () => [120, 75, 50]);
    const out = removeHair(clean.image);
    expect(out.hairMask.data.every((v) => v === 0)).toBe(true);
    expect(Array.from(out.image.data)).toEqual(Array.from(clean.image.data));
  });
});
