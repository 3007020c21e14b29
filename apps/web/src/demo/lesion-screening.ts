// Lesion screening in the browser: the shipped U-Net and classifier loaded from this portal, run by
// libs/dermoscopy's analyze() (preprocessing, segmentation, ABCD/TDS, calibrated probabilities).
import * as tf from '@tensorflow/tfjs';
import { analyze, type DermoscopyAnalysis, type DermoscopyModels } from '@visioncad/dermoscopy/analyze';
import type { ClinicalMetadata } from '@visioncad/dermoscopy/clinical/clinical-metadata';
import { parseImageNovelty } from '@visioncad/dermoscopy/models/image-novelty';
import { resizeBilinear, type RasterImage } from '@visioncad/vision-core/image';
import type { DemoModelInfo } from './demo-model-info';
import { fetchJson } from './fetch-json';
import { fitWithin } from './frame-raster';
import { startDemoBackend, type DemoBackend } from './tf-backend';

/**
 * Photos are analysed at most this wide/high: the U-Net and classifier see 64x64 anyway, and the
 * hair-removal and ABCD sizes assume frames of roughly 400-800 px (libs/dermoscopy README).
 */
export const LESION_MAX_SIDE = 512;

/** Loads the segmentation and classification models described by the page. */
export async function loadLesionModels(
  segmentation: DemoModelInfo,
  classification: DemoModelInfo,
): Promise<DermoscopyModels> {
  if (classification.temperature === null) {
    throw new Error(`${classification.model} ships no calibration.json (its softmax temperature)`);
  }
  const [segmenter, classifier, novelty] = await Promise.all([
    tf.loadLayersModel(segmentation.modelUrl),
    tf.loadLayersModel(classification.modelUrl),
    classification.noveltyUrl
      ? fetchJson(classification.noveltyUrl, `${classification.model}/novelty.json`).then((json) =>
          parseImageNovelty(json, `${classification.model}/novelty.json`),
        )
      : null,
  ]);
  // Warm-up: the first call of each network compiles its kernels.
  tf.tidy(() => {
    segmenter.predict(tf.zeros([1, segmentation.input.height, segmentation.input.width, 3]));
    classifier.predict(tf.zeros([1, classification.input.height, classification.input.width, 3]));
  });
  return {
    segmentation: segmenter,
    classifier: {
      model: classifier,
      labels: classification.labels,
      temperature: classification.temperature,
      decisionOffsets: classification.decisionOffsets,
      metadataFusion: classification.metadataFusion,
      shadesOfGray: classification.shadesOfGray,
      novelty,
    },
  };
}

/** The analysis of one photo, with the raster it ran on (the photo scaled to LESION_MAX_SIDE). */
export interface LesionScreening {
  image: RasterImage;
  analysis: DermoscopyAnalysis;
  /** Wall time of the whole screening (resize included), ms. */
  totalMs: number;
}

/**
 * Screens one RGB photo: scale down, then segmentation, ABCD and class probabilities (fused with
 * the age, sex and site the user gave, when the classifier ships a metadata fusion).
 */
export function screenLesion(
  photo: RasterImage,
  models: DermoscopyModels,
  clinicalMetadata: ClinicalMetadata | null = null,
): LesionScreening {
  const t0 = performance.now();
  const { width, height } = fitWithin(photo.width, photo.height, LESION_MAX_SIDE);
  const image =
    width === photo.width && height === photo.height ? photo : resizeBilinear(photo, width, height);
  const analysis = analyze(image, models, { heatMap: false, clinicalMetadata });
  return { image, analysis, totalMs: performance.now() - t0 };
}

/** The started backend and a screening function on the loaded models. */
export interface LesionEngine {
  backend: DemoBackend;
  /** Photos larger than this (either side) are scaled down before screening. */
  maxSide: number;
  screen(photo: RasterImage, clinicalMetadata?: ClinicalMetadata | null): LesionScreening;
}

/** Starts tfjs (`backendOverride` from ?backend=) and loads both lesion models. */
export async function loadLesionEngine(
  segmentation: DemoModelInfo,
  classification: DemoModelInfo,
  backendOverride: string | null,
): Promise<LesionEngine> {
  const backend = await startDemoBackend(backendOverride);
  const models = await loadLesionModels(segmentation, classification);
  return {
    backend,
    maxSide: LESION_MAX_SIDE,
    screen: (photo, clinicalMetadata) => screenLesion(photo, models, clinicalMetadata),
  };
}
