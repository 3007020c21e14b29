// Synthetic video frames for the tracking tests: textured squares ("faces") moving over a gently
// noisy background, deterministic (seeded) so a failure can be replayed.
import { createRasterImage, type RasterImage } from '@visioncad/vision-core/image';

/** A square patch of texture placed at (x, y). */
export interface SceneFace {
  x: number;
  y: number;
  size: number;
  /** Seed of its texture; the same seed draws the same face. */
  seed: number;
}

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A `width` x `height` gray frame with the given faces drawn on it (later ones on top). */
export function sceneFrame(
  width: number,
  height: number,
  faces: readonly SceneFace[],
  backgroundSeed = 7,
): RasterImage {
  const next = random(backgroundSeed);
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = 120 + Math.floor(next() * 8);
  for (const face of faces) {
    const rnd = random(face.seed);
    // Blobs of a few sizes so every pyramid level keeps texture.
    const blobs = Array.from({ length: 40 }, () => ({
      u: rnd() * face.size,
      v: rnd() * face.size,
      r: 2 + rnd() * face.size * 0.1,
      a: 80 * (rnd() - 0.5),
    }));
    for (let v = 0; v < face.size; v++) {
      for (let u = 0; u < face.size; u++) {
        const x = Math.round(face.x) + u;
        const y = Math.round(face.y) + v;
        if (x < 0 || y < 0 || x >= width || y >= height) continue;
        let value = 140;
        for (const b of blobs) {
          const d2 = (u - b.u) ** 2 + (v - b.v) ** 2;
          value += b.a * Math.exp(-d2 / (2 * b.r * b.r));
        }
        data[y * width + x] = Math.max(0, Math.min(255, Math.round(value)));
      }
    }
  }
  return createRasterImage(width, height, 1, data);
}
