import type { BinaryMask, RasterImage } from '@visioncad/vision-core/image';

import {
  asymmetry,
  DEFAULT_ASYMMETRY_THRESHOLDS,
  type AsymmetryResult,
  type AsymmetryThresholds,
} from './asymmetry';
import { border, type BorderOptions, type BorderResult } from './border';
import { colours, DEFAULT_COLOUR_THRESHOLDS, type ColourResult, type ColourThresholds } from './colours';
import { lesionDiameter, type LesionDiameter } from './diameter';
import { structures, type StructureOptions, type StructureResult } from './structures';
import { totalDermoscopyScore, tdsBand, type TdsBand } from './tds';

/** Settings of the ABCD analysis. */
export interface AbcdOptions {
  /** Image scale; when given, the diameter is also reported in millimetres. */
  pxPerMm?: number;
  asymmetry?: AsymmetryThresholds;
  border?: BorderOptions;
  colours?: ColourThresholds;
  structures?: StructureOptions;
}

/** ABCD sub-scores with their measurements, the diameter and the total dermoscopy score. */
export interface AbcdResult {
  asymmetry: AsymmetryResult;
  border: BorderResult;
  colours: ColourResult;
  structures: StructureResult;
  diameter: LesionDiameter;
  tds: number;
  band: TdsBand;
}

/**
 * The ABCD rule of dermoscopy on a lesion image and its mask. Pass the colour-corrected image
 * (hair removed, shades of gray) so colours are judged under neutral light.
 */
export function computeAbcd(image: RasterImage, mask: BinaryMask, options: AbcdOptions = {}): AbcdResult {
  const a = asymmetry(mask, image, options.asymmetry ?? DEFAULT_ASYMMETRY_THRESHOLDS);
  const b = border(image, mask, options.border);
  const c = colours(image, mask, options.colours ?? DEFAULT_COLOUR_THRESHOLDS);
  const d = structures(image, mask, options.structures);
  const tds = totalDermoscopyScore({
    asymmetry: a.score,
    border: b.score,
    colours: c.score,
    structures: d.score,
  });
  return {
    asymmetry: a,
    border: b,
    colours: c,
    structures: d,
    diameter: lesionDiameter(mask, options.pxPerMm),
    tds,
    band: tdsBand(tds),
  };
}
