// PH2-like synthetic dermoscopy pictures for the analysis tests (unit and e2e), made on the fly:
// skin-coloured background with uneven lighting and texture, and a dark, irregular lesion blob with
// a darker core and a few globules. Seeded, so every run gets the same bytes.
import path from 'node:path';
import sharp from 'sharp';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Where the lesion is: centre and mean radius as fractions of the picture. */
export interface SyntheticLesion {
  cx: number;
  cy: number;
  radius: number;
}

export const DEFAULT_LESION: SyntheticLesion = { cx: 0.5, cy: 0.5, radius: 0.24 };

/** RGB bytes of a PH2-like dermoscopy picture. */
export function dermoscopyLikeRgb(
  width: number,
  height: number,
  lesion: SyntheticLesion = DEFAULT_LESION,
  seed = 7,
): Buffer {
  const random = mulberry32(seed);
  const lobes = Array.from({ length: 5 }, (_, k) => ({
    frequency: k + 2,
    amplitude: 0.05 + 0.07 * random(),
    phase: random() * 2 * Math.PI,
  }));
  const globules = Array.from({ length: 9 }, () => {
    const angle = random() * 2 * Math.PI;
    const r = 0.25 + 0.5 * random();
    return { angle, r, size: 0.04 + 0.04 * random() };
  });
  const side = Math.min(width, height);
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = (x - lesion.cx * width) / (lesion.radius * side);
      const dy = (y - lesion.cy * height) / (lesion.radius * side);
      const angle = Math.atan2(dy, dx);
      const edge = lobes.reduce((sum, l) => sum + l.amplitude * Math.sin(l.frequency * angle + l.phase), 1);
      const d = Math.hypot(dx, dy) / edge;
      // Skin: pinkish beige, a little darker towards the corners, with fine texture.
      const light = 1 - 0.12 * Math.hypot(x / width - 0.5, y / height - 0.5);
      const grain = (random() - 0.5) * 10;
      let r = 222 * light + grain;
      let g = 170 * light + grain;
      let b = 145 * light + grain;
      if (d < 1.08) {
        // Soft edge over the last 8% of the radius, light brown rim to dark brown core.
        const weight = Math.min(1, (1.08 - d) / 0.16);
        const core = Math.max(0, 1 - d / 0.55);
        let lr = 125 - 60 * core;
        let lg = 78 - 42 * core;
        let lb = 58 - 30 * core;
        for (const gl of globules) {
          const gx = gl.r * Math.cos(gl.angle) - dx / edge;
          const gy = gl.r * Math.sin(gl.angle) - dy / edge;
          if (Math.hypot(gx, gy) < gl.size) {
            lr = 45;
            lg = 28;
            lb = 25;
          }
        }
        r = r * (1 - weight) + (lr + grain) * weight;
        g = g * (1 - weight) + (lg + grain) * weight;
        b = b * (1 - weight) + (lb + grain) * weight;
      }
      const o = (y * width + x) * 3;
      rgb[o] = Math.max(0, Math.min(255, Math.round(r)));
      rgb[o + 1] = Math.max(0, Math.min(255, Math.round(g)));
      rgb[o + 2] = Math.max(0, Math.min(255, Math.round(b)));
    }
  }
  return rgb;
}

/** A PH2-like dermoscopy PNG (PH2's frames are 768x560). */
export function dermoscopyPng(
  width = 768,
  height = 560,
  lesion: SyntheticLesion = DEFAULT_LESION,
  seed = 7,
): Promise<Buffer> {
  return sharp(dermoscopyLikeRgb(width, height, lesion, seed), { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** A JPEG as a PNG of it would be too big: the same picture, quality 90. */
export function dermoscopyJpeg(
  width = 768,
  height = 560,
  lesion: SyntheticLesion = DEFAULT_LESION,
): Promise<Buffer> {
  return sharp(dermoscopyLikeRgb(width, height, lesion), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/**
 * A photo with three faces that ships inside the @vladmandic/face-api npm package (demo/sample1.jpg),
 * so face tests need no dataset. Resolved from the working directory (Vitest and Playwright run
 * from the repository root, where npm hoists the package): Playwright loads this file as CommonJS,
 * so import.meta is not available to resolve it.
 */
export function faceSamplePath(): string {
  return path.resolve('node_modules', '@vladmandic', 'face-api', 'demo', 'sample1.jpg');
}
