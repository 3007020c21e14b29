// The dermoscopy analysis a clinician sees for one image: preprocessing → U-Net lesion mask (main
// lesion kept) → ABCD + total dermoscopy score → calibrated diagnosis probabilities → Grad-CAM heat
// map of the reported diagnosis, with the time each stage took. Given the patient's age, sex and the
// lesion's site, a classifier with a clinical-metadata fusion reports the fused diagnosis.
// Browser-safe: models are passed in (Node: ./models/load-models.node).
import * as tf from '@tensorflow/tfjs';
import type { ExplanationMap } from '@visioncad/vision-core/explain';
import { maskArea, resizeBilinear, type BinaryMask, type RasterImage } from '@visioncad/vision-core/image';
import { applyTemperature } from '@visioncad/vision-core/metrics';

import { computeAbcd, type AbcdOptions, type AbcdResult } from './abcd/abcd';
import { hasClinicalMetadata, type ClinicalMetadata } from './clinical/clinical-metadata';
import { fuseClinicalMetadata, type MetadataFusion } from './clinical/metadata-fusion';
import { decideDiagnosis } from './models/classifier-calibration';
import { judgeNovelty, type ImageNovelty, type NoveltyVerdict } from './models/image-novelty';
import { classifyWithGradCam } from './models/classify-with-grad-cam';
import { resizeUnitMap } from './models/resize-map';
import { imageToInputTensor, segmentLesionUnet } from './models/unet-segmentation';
import { shadesOfGray } from './preprocessing/colour-constancy';
import {
  preprocessDermoscopy,
  type PreprocessingOptions,
  type PreprocessingStep,
} from './preprocessing/pipeline';

/** A diagnosis classifier (softmax output) with its labels and the temperature fitted on validation data. */
export interface LesionClassifier {
  model: tf.LayersModel;
  labels: readonly string[];
  temperature: number;
  /**
   * Offsets of the balanced decision rule (post-hoc logit adjustment, fitted on validation data; see
   * ./models/classifier-calibration): the reported diagnosis is argmax log p + offset instead of the
   * most probable label. Absent or null: the most probable label.
   */
  decisionOffsets?: readonly number[] | null;
  /** Fusion with the clinical metadata (./clinical/metadata-fusion), used when metadata is given. */
  metadataFusion?: MetadataFusion | null;
  /**
   * The network was trained on colour-corrected input (card `input.shadesOfGray`): the resized image
   * is corrected by shades of gray with this norm before it reads it. Absent or null: raw colours.
   */
  shadesOfGray?: { p: number } | null;
  /**
   * How unlike its training images an image is (./models/image-novelty, the model's novelty.json):
   * the analysis then says whether this image is unusual for the classifier. Absent or null: not judged.
   */
  novelty?: ImageNovelty | null;
}

/** The trained networks the analysis runs. */
export interface DermoscopyModels {
  /** U-Net with a sigmoid [S, S, 1] lesion-probability output. */
  segmentation: tf.LayersModel;
  classifier: LesionClassifier;
}

export interface AnalyzeOptions {
  preprocessing?: PreprocessingOptions;
  abcd?: AbcdOptions;
  /** Lesion-probability threshold of the U-Net mask (default 0.5). */
  segmentationThreshold?: number;
  /** Compute the Grad-CAM heat map (default true); it costs one backward pass. */
  heatMap?: boolean;
  /** The patient's age and sex and the lesion's site; used when the classifier has a metadata fusion. */
  clinicalMetadata?: ClinicalMetadata | null;
}

/** Milliseconds spent in each stage. */
export interface AnalysisTimings {
  preprocessing: number;
  segmentation: number;
  abcd: number;
  classification: number;
  heatMap: number;
  total: number;
}

export interface DermoscopyAnalysis {
  /** Lesion mask at the image's resolution. */
  mask: BinaryMask;
  lesionAreaPx: number;
  /** ABCD sub-scores, diameter, TDS and its band; null when the network found no lesion. */
  abcd: AbcdResult | null;
  /** Calibrated probability per label, in the classifier's label order. */
  probabilities: Array<{ label: string; probability: number }>;
  /**
   * The diagnosis reported: the most probable label, or, when the classifier has decision offsets,
   * the balanced rule's (which may be a less probable but rarer diagnosis; the probabilities stay
   * the calibrated ones).
   */
  topLabel: string;
  /** How `topLabel` was chosen. */
  decisionRule: 'most-probable' | 'logit-adjustment' | 'clinical-metadata-fusion';
  /** The metadata the diagnosis used (fusion only), else null. */
  clinicalMetadata: ClinicalMetadata | null;
  /** With a fusion: the image-only probabilities and diagnosis, for comparison; else null. */
  imageOnly: { probabilities: Array<{ label: string; probability: number }>; topLabel: string } | null;
  /** Grad-CAM of `topLabel` at the image's resolution, values in [0, 1]. */
  heatMap: ExplanationMap | null;
  /**
   * Whether the image is unlike the classifier's training images (its features' distance above the
   * validation quantile): its diagnosis is then less reliable. Null when the classifier has no novelty model.
   */
  novelty: NoveltyVerdict | null;
  /** Every preprocessing image (input, hair black-hat and mask, hair removed, median, colour constancy, contrast) for a person to check. */
  preprocessingSteps: PreprocessingStep[];
  timingsMs: AnalysisTimings;
}

function timed<T>(run: () => T): [T, number] {
  const t0 = performance.now();
  const value = run();
  return [value, performance.now() - t0];
}

/** Analyses one RGB dermoscopy image with the given models. */
export function analyze(
  image: RasterImage,
  models: DermoscopyModels,
  options: AnalyzeOptions = {},
): DermoscopyAnalysis {
  const start = performance.now();
  const { classifier } = models;
  const [preprocessed, preprocessingMs] = timed(() => preprocessDermoscopy(image, options.preprocessing));
  // The U-Net and the classifier were trained on unprocessed images; ABCD measures colours on the
  // colour-corrected one, as its thresholds were set on that.
  const [{ mask }, segmentationMs] = timed(() =>
    segmentLesionUnet(models.segmentation, image, { threshold: options.segmentationThreshold }),
  );
  const lesionAreaPx = maskArea(mask);
  const [abcd, abcdMs] = timed(() =>
    lesionAreaPx > 0 ? computeAbcd(preprocessed.colourCorrected, mask, options.abcd) : null,
  );
  const size = classifier.model.inputs[0].shape[1];
  if (typeof size !== 'number') throw new Error('the lesion classifier needs a fixed input size');
  const resized = image.width === size && image.height === size ? image : resizeBilinear(image, size, size);
  const input = imageToInputTensor(
    classifier.shadesOfGray ? shadesOfGray(resized, classifier.shadesOfGray.p).image : resized,
    size,
  );
  // One forward pass gives the probabilities and the activations Grad-CAM needs; the heat map's
  // time is its backward pass and resizing.
  const offsets = classifier.decisionOffsets ?? null;
  if (offsets && offsets.length !== classifier.labels.length) {
    throw new Error(
      `the classifier has ${offsets.length} decision offsets but ${classifier.labels.length} labels`,
    );
  }
  const calibrate = (softmax: Float32Array): number[] => {
    if (softmax.length !== classifier.labels.length) {
      throw new Error(
        `the classifier outputs ${softmax.length} classes but has ${classifier.labels.length} labels`,
      );
    }
    const logProbabilities = Array.from(softmax, (p) => Math.log(Math.min(1, Math.max(1e-7, p))));
    return applyTemperature([logProbabilities], classifier.temperature)[0];
  };
  const metadata = options.clinicalMetadata ?? null;
  const fusion =
    classifier.metadataFusion && metadata && hasClinicalMetadata(metadata) ? classifier.metadataFusion : null;
  const decide = (softmax: Float32Array) => {
    const calibrated = calibrate(softmax);
    const imageTop = decideDiagnosis(calibrated, offsets);
    if (!fusion) return { calibrated, imageTop, probabilities: calibrated, top: imageTop };
    const fused = fuseClinicalMetadata(calibrated, metadata!, fusion);
    return { calibrated, imageTop, probabilities: fused.probabilities, top: fused.top };
  };
  // The heat map explains the reported diagnosis, which the rule (or the fusion) picks.
  const pass = classifyWithGradCam(classifier.model, input, {
    heatMap: options.heatMap !== false,
    explain: (softmax) => decide(softmax).top,
    pooled: classifier.novelty?.layer,
  });
  const novelty = classifier.novelty && pass.pooled ? judgeNovelty(classifier.novelty, pass.pooled) : null;
  const [decided, calibrationMs] = timed(() => decide(pass.probabilities));
  const { probabilities, top } = decided;
  const byLabel = (p: readonly number[]) =>
    classifier.labels.map((label, k) => ({ label, probability: p[k] }));
  const [heatMap, resizeMs] = timed(() => {
    const cam = pass.heatMap;
    if (!cam) return null;
    return {
      ...cam,
      width: image.width,
      height: image.height,
      data: resizeUnitMap(cam.data, cam.width, cam.height, image.width, image.height),
    };
  });
  const classificationMs = pass.timingsMs.forward + calibrationMs;
  const heatMapMs = pass.timingsMs.heatMap + resizeMs;
  input.dispose();
  return {
    mask,
    lesionAreaPx,
    abcd,
    probabilities: byLabel(probabilities),
    topLabel: classifier.labels[top],
    decisionRule: fusion ? 'clinical-metadata-fusion' : offsets ? 'logit-adjustment' : 'most-probable',
    clinicalMetadata: fusion ? metadata : null,
    imageOnly: fusion
      ? { probabilities: byLabel(decided.calibrated), topLabel: classifier.labels[decided.imageTop] }
      : null,
    heatMap,
    novelty,
    preprocessingSteps: preprocessed.steps,
    timingsMs: {
      preprocessing: preprocessingMs,
      segmentation: segmentationMs,
      abcd: abcdMs,
      classification: classificationMs,
      heatMap: heatMapMs,
      total: performance.now() - start,
    },
  };
}
