import { maskToRaster, type BinaryMask, type RasterImage } from '@visioncad/vision-core/image';

import { medianFilterFast } from '../image/median3x3';
import { shadesOfGray, SHADES_OF_GRAY_P } from './colour-constancy';
import { enhanceContrast } from './contrast-enhancement';
import { removeHair, type HairRemovalOptions } from './hair-removal';

/** Which preprocessing steps run and how. */
export interface PreprocessingOptions {
  /** false skips hair removal. */
  hairRemoval?: HairRemovalOptions | false;
  /** Median window radius (1 = 3x3); 0 skips denoising. */
  medianRadius?: number;
  /** Minkowski norm of shades of gray; false skips colour constancy. */
  colourConstancy?: number | false;
  /** CLAHE clip limit; false skips contrast enhancement. */
  contrastClipLimit?: number | false;
}

/** A named intermediate image, in the order the steps ran. */
export interface PreprocessingStep {
  name:
    'input' | 'hair-black-hat' | 'hair-mask' | 'hair-removed' | 'median' | 'colour-constancy' | 'contrast';
  image: RasterImage;
}

/** All intermediate images and the two outputs the later stages use. */
export interface PreprocessingResult {
  steps: PreprocessingStep[];
  hairMask: BinaryMask | null;
  /**
   * Hair removed (the input when hair removal is off), before denoising: fine structures such as
   * network lines and dots intact (the 3x3 median blurs them at ~380 px width). The ABCD report
   * compares it with `colourCorrected` as the image for D.
   */
  hairFree: RasterImage;
  /** Hair-free, denoised and colour-corrected: the image to measure colours on. */
  colourCorrected: RasterImage;
  /** `colourCorrected` with enhanced contrast: the image to segment. */
  enhanced: RasterImage;
}

/**
 * Dermoscopy preprocessing: hair removal (DullRazor-style), median denoising, shades-of-gray colour
 * constancy and hue-preserving CLAHE, keeping every intermediate image for inspection.
 */
export function preprocessDermoscopy(
  image: RasterImage,
  options: PreprocessingOptions = {},
): PreprocessingResult {
  const steps: PreprocessingStep[] = [{ name: 'input', image }];
  let current = image;
  let hairMask: BinaryMask | null = null;
  if (options.hairRemoval !== false) {
    const hair = removeHair(current, options.hairRemoval || {});
    hairMask = hair.hairMask;
    steps.push(
      { name: 'hair-black-hat', image: hair.blackHat },
      { name: 'hair-mask', image: maskToRaster(hair.hairMask) },
      { name: 'hair-removed', image: hair.image },
    );
    current = hair.image;
  }
  const hairFree = current;
  const medianRadius = options.medianRadius ?? 1;
  if (medianRadius > 0) {
    current = medianFilterFast(current, medianRadius);
    steps.push({ name: 'median', image: current });
  }
  if (options.colourConstancy !== false && current.channels >= 3) {
    current = shadesOfGray(current, options.colourConstancy ?? SHADES_OF_GRAY_P).image;
    steps.push({ name: 'colour-constancy', image: current });
  }
  const colourCorrected = current;
  if (options.contrastClipLimit !== false) {
    current = enhanceContrast(current, { clipLimit: options.contrastClipLimit ?? 2 });
    steps.push({ name: 'contrast', image: current });
  }
  return { steps, hairMask, hairFree, colourCorrected, enhanced: current };
}
