import { createRasterImage, type RasterImage } from './raster-image';

/** An axis-aligned pixel rectangle; (x, y) is the top-left corner. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Copies the pixels inside `rect`, which must lie entirely within the image. */
export function crop(image: RasterImage, rect: Rect): RasterImage {
  const { x, y, width, height } = rect;
  if (
    ![x, y, width, height].every(Number.isInteger) ||
    width <= 0 ||
    height <= 0 ||
    x < 0 ||
    y < 0 ||
    x + width > image.width ||
    y + height > image.height
  ) {
    throw new RangeError(
      `crop rectangle x=${x} y=${y} ${width}x${height} is not inside the ${image.width}x${image.height} image`,
    );
  }
  const c = image.channels;
  const out = new Uint8Array(width * height * c);
  const rowBytes = width * c;
  for (let row = 0; row < height; row++) {
    const start = ((y + row) * image.width + x) * c;
    out.set(image.data.subarray(start, start + rowBytes), row * rowBytes);
  }
  return createRasterImage(width, height, c, out);
}
