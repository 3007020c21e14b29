import type { RasterImage } from '@visioncad/vision-core/image';

import type { Emotion } from '../label-space';

/** A labelled image file of a dataset, not yet decoded. */
export interface LabelledFaceFile {
  path: string;
  emotion: Emotion;
}

/** A decoded labelled face image (a 48x48 crop for FER2013 and CK+48, the whole photo for JAFFE). */
export interface LabelledFace {
  image: RasterImage;
  emotion: Emotion;
  /** Where it came from: a path, or `file:line` for CSV rows. */
  source: string;
}
