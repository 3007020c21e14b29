import {
  createBinaryMask,
  diskStructuringElement,
  histogram256,
  otsuThreshold,
  createRasterImage,
  type BinaryMask,
  type RasterImage,
} from '@visioncad/vision-core/image';

import { dilateMaskFast as dilateMask, erodeMaskFast as erodeMask } from '../image/run-morphology';
import { selectMainLesion, type MainLesionOptions } from './main-lesion';

/** Which image channel the Otsu baseline thresholds. */
export type OtsuChannel = 'luma' | 'blue';

/** Settings of the classical segmentation baseline. */
export interface OtsuSegmentationOptions {
  /**
   * Channel to threshold. Pigmented lesions absorb blue light most, so the blue channel often
   * separates lesion from skin best (Celebi et al. 2009 review); luma is the alternative. On the
   * PH2 tuning half, blue on the colour-corrected image scored best (reports/segmentation-otsu-ph2.json).
   */
  channel?: OtsuChannel;
  /** Radius of the opening/closing disk that smooths the mask (0 = none). */
  smoothingRadius?: number;
  mainLesion?: MainLesionOptions;
}

/** The baseline's mask and what it used. */
export interface OtsuSegmentationResult {
  mask: BinaryMask;
  /** Pixels at or below this level of the chosen channel were foreground candidates. */
  threshold: number;
  channel: RasterImage;
}

export const DEFAULT_OTSU_SEGMENTATION: Required<Omit<OtsuSegmentationOptions, 'mainLesion'>> = {
  channel: 'blue',
  smoothingRadius: 3,
};

function extractChannel(image: RasterImage, channel: OtsuChannel): RasterImage {
  const { width, height, channels: c, data } = image;
  if (c === 1) return image;
  const out = new Uint8Array(width * height);
  for (let p = 0; p < out.length; p++) {
    const i = p * c;
    out[p] =
      channel === 'blue'
        ? data[i + 2]
        : Math.round(0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]);
  }
  return createRasterImage(width, height, 1, out);
}

/**
 * Classical lesion segmentation without a network: Otsu's threshold on one channel (the lesion is
 * the darker class), morphological opening and closing, then the main connected lesion with holes
 * filled. Run it on a preprocessed image: `preprocessDermoscopy(image).colourCorrected`.
 */
export function segmentLesionOtsu(
  image: RasterImage,
  options: OtsuSegmentationOptions = {},
): OtsuSegmentationResult {
  const o = { ...DEFAULT_OTSU_SEGMENTATION, ...options };
  const channel = extractChannel(image, o.channel);
  const threshold = otsuThreshold(histogram256(channel));
  let mask = createBinaryMask(channel.width, channel.height);
  for (let i = 0; i < mask.data.length; i++) mask.data[i] = channel.data[i] <= threshold ? 1 : 0;
  if (o.smoothingRadius > 0) {
    const disk = diskStructuringElement(o.smoothingRadius);
    mask = dilateMask(erodeMask(mask, disk), disk);
    mask = erodeMask(dilateMask(mask, disk), disk);
  }
  return { mask: selectMainLesion(mask, options.mainLesion), threshold, channel };
}
