// An image pyramid of a gray frame: level 0 is the frame, each further level halves both sides by
// averaging 2x2 blocks. The face tracker searches coarse levels first, then refines on finer ones.
import { assertChannels, createRasterImage, type RasterImage } from '@visioncad/vision-core/image';

/** Gray levels, finest first; `levels[k]` is the frame scaled by 1/2^k. */
export interface GrayPyramid {
  levels: RasterImage[];
}

/** Halves a gray image (2x2 block means; an odd last row or column is dropped). */
export function halveGray(image: RasterImage): RasterImage {
  assertChannels(image, 1, 'halveGray input');
  if (image.width < 2 || image.height < 2)
    throw new RangeError(`cannot halve a ${image.width}x${image.height} image (needs at least 2x2)`);
  const width = image.width >> 1;
  const height = image.height >> 1;
  const out = new Uint8Array(width * height);
  const { data, width: w } = image;
  for (let y = 0; y < height; y++) {
    const row = 2 * y * w;
    for (let x = 0; x < width; x++) {
      const i = row + 2 * x;
      out[y * width + x] = (data[i] + data[i + 1] + data[i + w] + data[i + w + 1] + 2) >> 2;
    }
  }
  return createRasterImage(width, height, 1, out);
}

/** Builds `count` levels (at least 1) from a gray frame; stops early once a side would drop below 8 px. */
export function buildGrayPyramid(gray: RasterImage, count: number): GrayPyramid {
  assertChannels(gray, 1, 'gray pyramid base');
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`pyramid level count must be >= 1, got ${count}`);
  const levels = [gray];
  while (levels.length < count) {
    const last = levels[levels.length - 1];
    if (last.width < 16 || last.height < 16) break;
    levels.push(halveGray(last));
  }
  return { levels };
}
