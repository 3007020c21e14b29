// Synthetic 48x48 stand-ins for face crops that a HOG + SVM separates: one stripe orientation per class.
import { createRasterImage, type RasterImage } from '@visioncad/vision-core/image';

/** Class 0 horizontal stripes, 1 vertical, 2 diagonal; a random phase and noise from `random`. */
export function stripeFace(kind: number, random: () => number): RasterImage {
  const data = new Uint8Array(48 * 48);
  const phase = Math.floor(random() * 8);
  for (let y = 0; y < 48; y++) {
    for (let x = 0; x < 48; x++) {
      const t = [y, x, x + y][kind] + phase;
      data[y * 48 + x] = Math.max(0, Math.min(255, (t % 8 < 4 ? 180 : 60) + (random() - 0.5) * 60));
    }
  }
  return createRasterImage(48, 48, 1, data);
}
