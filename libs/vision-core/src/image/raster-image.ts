/** Number of interleaved 8-bit channels: 1 grayscale, 3 RGB, 4 RGBA. */
export type ChannelCount = 1 | 3 | 4;

/** An 8-bit interleaved image, row-major, `data.length === width * height * channels`. */
export interface RasterImage {
  readonly width: number;
  readonly height: number;
  readonly channels: ChannelCount;
  readonly data: Uint8Array;
}

/** Creates a raster (zero-filled unless `data` is given), checking that the sizes agree. */
export function createRasterImage(
  width: number,
  height: number,
  channels: ChannelCount,
  data?: Uint8Array,
): RasterImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`Raster size must be positive integers, got ${width}x${height}`);
  }
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new RangeError(`Raster channels must be 1, 3 or 4, got ${channels}`);
  }
  const expected = width * height * channels;
  if (data && data.length !== expected) {
    throw new RangeError(
      `Raster ${width}x${height}x${channels} needs ${expected} bytes but the data has ${data.length}`,
    );
  }
  return { width, height, channels, data: data ?? new Uint8Array(expected) };
}

/** Throws unless the raster has exactly `channels` channels; `what` names the image in the message. */
export function assertChannels(image: RasterImage, channels: ChannelCount, what: string): void {
  if (image.channels !== channels) {
    throw new RangeError(`${what} needs a ${channels}-channel image but got ${image.channels} channels`);
  }
}

/** Throws unless both rasters have the same width and height. */
export function assertSameSize(
  a: { width: number; height: number },
  b: { width: number; height: number },
  what: string,
): void {
  if (a.width !== b.width || a.height !== b.height) {
    throw new RangeError(`${what}: sizes differ, ${a.width}x${a.height} vs ${b.width}x${b.height}`);
  }
}
