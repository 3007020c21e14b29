// Decoders for vision-core's ImageDataset that resize to the network's input and keep the small
// results in memory: PH2 and HAM10000 at 64-192 px fit in a few hundred MB, and re-decoding BMP/JPEG
// every epoch would cost more CPU than the training step on this machine.
import { resizeBilinear, type RasterImage } from '@visioncad/vision-core/image';
import { decodeImageFile } from '@visioncad/vision-core/image-node';
import type { DecodedImage, DecodeImage } from '@visioncad/vision-core/data';
import type { ModelCard } from '@visioncad/vision-core/models';
import { shadesOfGray } from '@visioncad/dermoscopy';

/** Keeps the first `channels` channels of an 8-bit raster (masks decode as 1 or 3 identical channels). */
export function takeChannels(image: RasterImage, channels: 1 | 3): RasterImage {
  if (image.channels === channels) return image;
  if (channels === 3 && image.channels === 1) {
    const out = new Uint8Array(image.width * image.height * 3);
    for (let p = 0; p < image.width * image.height; p++) out.fill(image.data[p], p * 3, p * 3 + 3);
    return { width: image.width, height: image.height, channels: 3, data: out };
  }
  const out = new Uint8Array(image.width * image.height * channels);
  for (let p = 0; p < image.width * image.height; p++) {
    for (let c = 0; c < channels; c++) out[p * channels + c] = image.data[p * image.channels + c];
  }
  return { width: image.width, height: image.height, channels, data: out };
}

/**
 * A caching decoder: file → `channels`-channel raster resized to size x size, then corrected by
 * shades of gray with norm `shadesOfGrayP` when given (RGB only).
 */
export function resizedDecoder(size: number, channels: 1 | 3, shadesOfGrayP?: number): DecodeImage {
  const cache = new Map<string, Promise<DecodedImage>>();
  return (path) => {
    let hit = cache.get(path);
    if (!hit) {
      hit = decodeImageFile(path).then((image) => {
        const resized = resizeBilinear(takeChannels(image, channels), size, size);
        return shadesOfGrayP === undefined ? resized : shadesOfGray(resized, shadesOfGrayP).image;
      });
      cache.set(path, hit);
    }
    return hit;
  };
}

/** The decoder that feeds a shipped RGB image model as its card says (input side, colour constancy). */
export function cardDecoder(card: Pick<ModelCard, 'input'>): DecodeImage {
  return resizedDecoder(card.input.width, 3, card.input.shadesOfGray?.p);
}

/** Scales an 8-bit raster to a float32 [0, 1] array, the networks' input convention. */
export function toUnitFloat(image: RasterImage): Float32Array {
  const out = new Float32Array(image.data.length);
  for (let i = 0; i < out.length; i++) out[i] = image.data[i] / 255;
  return out;
}
