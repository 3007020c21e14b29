// The lesion mask drawn over the photo: lesion pixels tinted, the outline in a solid colour, as RGBA
// for a canvas's putImageData.
import type { BinaryMask, RasterImage } from '@visioncad/vision-core/image';

const TINT: readonly [number, number, number] = [14, 165, 233];
const OUTLINE: readonly [number, number, number] = [250, 204, 21];

/** RGBA pixels of `image` with the mask tinted (opacity `alpha`) and its outline drawn. */
export function maskOverlay(
  image: RasterImage,
  mask: BinaryMask,
  alpha = 0.35,
): Uint8ClampedArray<ArrayBuffer> {
  const { width, height, channels, data } = image;
  if (mask.width !== width || mask.height !== height) {
    throw new RangeError(`mask is ${mask.width}x${mask.height} but the image is ${width}x${height}`);
  }
  const out = new Uint8ClampedArray(width * height * 4);
  const inside = (x: number, y: number) =>
    x >= 0 && y >= 0 && x < width && y < height && mask.data[y * width + x] !== 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const i = p * channels;
      const rgb = channels === 1 ? [data[i], data[i], data[i]] : [data[i], data[i + 1], data[i + 2]];
      const o = p * 4;
      out[o + 3] = 255;
      if (!inside(x, y)) {
        out.set(rgb, o);
      } else if (!inside(x - 1, y) || !inside(x + 1, y) || !inside(x, y - 1) || !inside(x, y + 1)) {
        out.set(OUTLINE, o);
      } else {
        for (let c = 0; c < 3; c++) out[o + c] = Math.round(rgb[c] * (1 - alpha) + TINT[c] * alpha);
      }
    }
  }
  return out;
}
