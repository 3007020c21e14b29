import {
  clahe,
  createRasterImage,
  luma,
  type ClaheOptions,
  type RasterImage,
} from '@visioncad/vision-core/image';

/** CLAHE settings for dermoscopy contrast enhancement. */
export const DEFAULT_CONTRAST: Required<ClaheOptions> = { tilesX: 8, tilesY: 8, clipLimit: 2 };

/**
 * Contrast enhancement that keeps hue: CLAHE on the luma channel, then every RGB channel is scaled
 * by the same factor new luma / old luma, so brown stays brown (equalising R, G, B separately shifts hues).
 */
export function enhanceContrast(image: RasterImage, options: ClaheOptions = {}): RasterImage {
  if (image.channels < 3) return clahe(image, { ...DEFAULT_CONTRAST, ...options });
  const { width, height, channels: c, data } = image;
  const y = new Uint8Array(width * height);
  for (let p = 0; p < y.length; p++) y[p] = Math.round(luma(data[p * c], data[p * c + 1], data[p * c + 2]));
  const enhanced = clahe(createRasterImage(width, height, 1, y), { ...DEFAULT_CONTRAST, ...options });
  const out = new Uint8Array(data.length);
  for (let p = 0; p < y.length; p++) {
    const before = y[p];
    const after = enhanced.data[p];
    for (let k = 0; k < c; k++) {
      const v = data[p * c + k];
      out[p * c + k] = k === 3 ? v : before === 0 ? after : Math.min(255, Math.round((v * after) / before));
    }
  }
  return createRasterImage(width, height, c, out);
}
