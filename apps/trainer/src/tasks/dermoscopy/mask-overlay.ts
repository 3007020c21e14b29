// Review images for segmentation results: the expert outline in blue, the predicted one in green.
import type { BinaryMask, RasterImage } from '@visioncad/vision-core/image';

function isBoundary(mask: BinaryMask, x: number, y: number): boolean {
  const { width, height, data } = mask;
  if (!data[y * width + x]) return false;
  return (
    x === 0 ||
    y === 0 ||
    x === width - 1 ||
    y === height - 1 ||
    !data[y * width + x - 1] ||
    !data[y * width + x + 1] ||
    !data[(y - 1) * width + x] ||
    !data[(y + 1) * width + x]
  );
}

/** Copies the RGB image and draws the truth (blue) and predicted (green) mask outlines, 2 px wide. */
export function maskOverlay(
  image: RasterImage,
  truth: BinaryMask | null,
  predicted: BinaryMask,
): RasterImage {
  const out = new Uint8Array(image.data);
  const paint = (mask: BinaryMask, rgb: [number, number, number]) => {
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) {
        if (!isBoundary(mask, x, y)) continue;
        for (const [dx, dy] of [
          [0, 0],
          [1, 0],
          [0, 1],
        ] as const) {
          const xx = Math.min(image.width - 1, x + dx);
          const yy = Math.min(image.height - 1, y + dy);
          out.set(rgb, (yy * image.width + xx) * 3);
        }
      }
    }
  };
  if (truth) paint(truth, [40, 90, 255]);
  paint(predicted, [40, 230, 60]);
  return { width: image.width, height: image.height, channels: 3, data: out };
}
