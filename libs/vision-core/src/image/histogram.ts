import { assertChannels, type RasterImage } from './raster-image';

/** 256-bin histogram of a grayscale image, optionally counting only pixels where `mask` is non-zero. */
export function histogram256(image: RasterImage, mask?: Uint8Array): Uint32Array {
  assertChannels(image, 1, 'histogram256');
  if (mask && mask.length !== image.data.length) {
    throw new RangeError(
      `histogram256: mask has ${mask.length} pixels but the image has ${image.data.length}`,
    );
  }
  const hist = new Uint32Array(256);
  const { data } = image;
  for (let i = 0; i < data.length; i++) {
    if (!mask || mask[i]) hist[data[i]]++;
  }
  return hist;
}
