import {
  createBinaryMask,
  createRasterImage,
  type BinaryMask,
  type RasterImage,
} from '@visioncad/vision-core/image';

/** Skin tone used by the synthetic test images. */
export const SKIN: [number, number, number] = [215, 170, 150];

/** A synthetic dermoscopy scene: an RGB image and the true lesion mask. */
export interface SyntheticLesion {
  image: RasterImage;
  mask: BinaryMask;
}

/**
 * Paints skin with a lesion wherever `inside(x, y)` is true, coloured by `colour(x, y)`.
 * Test helper: lets each test describe its lesion as a formula with a known answer.
 */
export function paintLesion(
  width: number,
  height: number,
  inside: (x: number, y: number) => boolean,
  colour: (x: number, y: number) => readonly [number, number, number],
): SyntheticLesion {
  const image = createRasterImage(width, height, 3);
  const mask = createBinaryMask(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const lesion = inside(x, y);
      mask.data[p] = lesion ? 1 : 0;
      image.data.set(lesion ? colour(x, y) : SKIN, p * 3);
    }
  }
  return { image, mask };
}

/** Inside-test of an axis-aligned ellipse. */
export function ellipse(cx: number, cy: number, rx: number, ry: number): (x: number, y: number) => boolean {
  return (x, y) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
}
