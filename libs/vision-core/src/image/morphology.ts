import type { BinaryMask } from './binary-mask';
import { assertChannels, createRasterImage, type RasterImage } from './raster-image';
import type { StructuringElement } from './structuring-element';

function extremum(
  width: number,
  height: number,
  data: Uint8Array,
  se: StructuringElement,
  max: boolean,
): Uint8Array {
  const out = new Uint8Array(data.length);
  const n = se.dx.length;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let best = max ? 0 : 255;
      // Offsets falling outside the image are skipped, so borders neither grow nor erode artificially.
      for (let k = 0; k < n; k++) {
        const xx = x + se.dx[k];
        const yy = y + se.dy[k];
        if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
        const v = data[yy * width + xx];
        if (max ? v > best : v < best) best = v;
      }
      out[y * width + x] = best;
    }
  }
  return out;
}

/** Grayscale dilation (local maximum over the structuring element). */
export function dilate(image: RasterImage, se: StructuringElement): RasterImage {
  assertChannels(image, 1, 'dilate');
  return createRasterImage(
    image.width,
    image.height,
    1,
    extremum(image.width, image.height, image.data, se, true),
  );
}

/** Grayscale erosion (local minimum over the structuring element). */
export function erode(image: RasterImage, se: StructuringElement): RasterImage {
  assertChannels(image, 1, 'erode');
  return createRasterImage(
    image.width,
    image.height,
    1,
    extremum(image.width, image.height, image.data, se, false),
  );
}

/** Morphological closing: dilation then erosion; removes dark details narrower than the element. */
export function morphologicalClose(image: RasterImage, se: StructuringElement): RasterImage {
  return erode(dilate(image, se), se);
}

/** Morphological opening: erosion then dilation; removes bright details narrower than the element. */
export function morphologicalOpen(image: RasterImage, se: StructuringElement): RasterImage {
  return dilate(erode(image, se), se);
}

/** Black-hat (closing minus image): bright where thin dark structures such as hairs were. */
export function blackHat(image: RasterImage, se: StructuringElement): RasterImage {
  const closed = morphologicalClose(image, se);
  const out = new Uint8Array(image.data.length);
  for (let i = 0; i < out.length; i++) out[i] = closed.data[i] - image.data[i];
  return createRasterImage(image.width, image.height, 1, out);
}

/** Binary dilation of a 0/1 mask. */
export function dilateMask(mask: BinaryMask, se: StructuringElement): BinaryMask {
  return {
    width: mask.width,
    height: mask.height,
    data: extremum(mask.width, mask.height, mask.data, se, true),
  };
}

/** Binary erosion of a 0/1 mask (pixels outside the image are ignored, not treated as background). */
export function erodeMask(mask: BinaryMask, se: StructuringElement): BinaryMask {
  return {
    width: mask.width,
    height: mask.height,
    data: extremum(mask.width, mask.height, mask.data, se, false),
  };
}
