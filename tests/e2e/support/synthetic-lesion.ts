// A synthetic skin-lesion photo for the demo test: skin, an irregular two-tone brown lesion and a few
// dark dots, encoded as PNG. No patient image is needed to exercise the whole screening flow.
import sharp from 'sharp';

const SKIN = [214, 170, 148];

/** A width x height PNG of skin with one irregular pigmented lesion in the middle. */
export async function syntheticLesionPng(width = 480, height = 360): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  const cx = width / 2;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const angle = Math.atan2(y - cy, x - cx);
      // An uneven border: the radius wobbles with the angle.
      const radius = 1 + 0.12 * Math.sin(3 * angle) + 0.06 * Math.cos(7 * angle);
      const r = Math.hypot((x - cx) / (width * 0.26), (y - cy) / (height * 0.27)) / radius;
      const dot = ((x * 7 + y * 13) % 97 === 0 || (x * 11 + y * 3) % 89 === 0) && r < 0.8;
      let rgb = SKIN;
      if (r <= 1) rgb = dot ? [40, 25, 20] : x < cx + 20 * Math.sin(y / 25) ? [92, 58, 40] : [150, 102, 74];
      // Mild lighting gradient and texture so the skin is not a flat colour.
      const shade = 1 - 0.08 * (y / height) + 0.03 * Math.sin(x / 9 + y / 13);
      pixels.set(
        rgb.map((v) => Math.max(0, Math.min(255, Math.round(v * shade)))),
        (y * width + x) * 3,
      );
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}
