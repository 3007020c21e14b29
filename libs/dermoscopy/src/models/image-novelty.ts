// Whether an image is unlike those a lesion classifier was trained on (another dermatoscope,
// magnification, lighting, or not a dermoscopy image at all): the Mahalanobis distance of its pooled
// classifier features (./pooled-features) to a Gaussian fitted to the training images' features
// (vision-core gaussian-novelty), against a threshold: a quantile of the validation images'
// distances, so about 1 − quantile of images like the training data are flagged. Saved beside the
// model as novelty.json by `trainer train --task lesion-novelty`.
import {
  mahalanobisDistance,
  parseGaussianNovelty,
  type GaussianNovelty,
  type GaussianNoveltyJson,
} from '@visioncad/vision-core/features';

export const IMAGE_NOVELTY_FILE = 'novelty.json';
export const IMAGE_NOVELTY_FORMAT = 'visioncad-image-novelty';

/** novelty.json. */
export interface ImageNoveltyJson {
  format: typeof IMAGE_NOVELTY_FORMAT;
  version: 1;
  /** The classifier's spatial layer whose average-pooled activations are the features. */
  layer: string;
  gaussian: GaussianNoveltyJson;
  /** Distances above this are "unusual". */
  threshold: number;
  /** The quantile of the validation distances the threshold is. */
  quantile: number;
  /** What the Gaussian and the threshold were fitted on, in words. */
  fittedOn: string;
}

/** A loaded novelty model. */
export interface ImageNovelty {
  layer: string;
  gaussian: GaussianNovelty;
  threshold: number;
  quantile: number;
  fittedOn: string;
}

/** One image's verdict. */
export interface NoveltyVerdict {
  distance: number;
  threshold: number;
  /** The quantile of validation distances the threshold is (e.g. 0.95). */
  quantile: number;
  /** distance > threshold: unlike the training images, so the diagnosis is less reliable. */
  unusual: boolean;
}

/** Restores novelty.json, naming `where` and the field when it is malformed. */
export function parseImageNovelty(json: unknown, where: string): ImageNovelty {
  const value = json as Partial<ImageNoveltyJson> | null;
  if (value?.format !== IMAGE_NOVELTY_FORMAT || value.version !== 1) {
    throw new Error(
      `${where}: not a VisionCAD image-novelty file ("format" must be "${IMAGE_NOVELTY_FORMAT}" and "version" 1)`,
    );
  }
  if (typeof value.layer !== 'string' || value.layer.length === 0) {
    throw new Error(`${where}: "layer" must name the classifier layer whose features are used`);
  }
  if (!(typeof value.threshold === 'number' && value.threshold > 0)) {
    throw new Error(`${where}: "threshold" must be a positive number, got ${JSON.stringify(value.threshold)}`);
  }
  if (!(typeof value.quantile === 'number' && value.quantile > 0 && value.quantile < 1)) {
    throw new Error(`${where}: "quantile" must be between 0 and 1, got ${JSON.stringify(value.quantile)}`);
  }
  return {
    layer: value.layer,
    gaussian: parseGaussianNovelty(value.gaussian, `${where} "gaussian"`),
    threshold: value.threshold,
    quantile: value.quantile,
    fittedOn: typeof value.fittedOn === 'string' ? value.fittedOn : '',
  };
}

/** The verdict for one image's pooled features. */
export function judgeNovelty(novelty: ImageNovelty, features: ArrayLike<number>): NoveltyVerdict {
  const distance = mahalanobisDistance(novelty.gaussian, features);
  return { distance, threshold: novelty.threshold, quantile: novelty.quantile, unusual: distance > novelty.threshold };
}
