// What the demo page tells the browser about each shipped model: where to load it from, what it
// outputs, and the figures its model card reports. Plain data, shared by the server page and the
// client modules.
import type { MetadataFusion } from '@visioncad/dermoscopy/clinical/metadata-fusion';

/** The registry tasks the demo runs, in the order the page lists them. */
export const DEMO_TASKS = ['fer', 'lesion-segmentation', 'lesion-classification'] as const;
export type DemoTask = (typeof DEMO_TASKS)[number];

/** One measured figure of a model card, e.g. { name: 'accuracy', value: 0.4464 }. */
export interface ModelFigure {
  name: string;
  value: number;
}

/** A shipped model as the demo uses and describes it. */
export interface DemoModelInfo {
  task: DemoTask;
  /** Directory under models/ (the registry's default for the task). */
  model: string;
  name: string;
  version: string;
  architecture: string;
  labels: string[];
  input: { width: number; height: number; channels: number };
  /** Face models: where the eyes sat in the training crops (card input.faceFraming), else null. */
  faceFraming: { x: number; y: number; distance: number } | null;
  quantization: string;
  /** Bytes of model.json plus its weight files, what a first visit downloads for this model. */
  downloadBytes: number;
  /** Held-out figures per evaluation set, from card.json. */
  metrics: { set: string; figures: ModelFigure[] }[];
  limits: string[];
  /** URL of model.json; the version in the query string keeps cached copies apart per version. */
  modelUrl: string;
  /** Softmax temperature fitted on validation data (classifiers that ship calibration.json). */
  temperature: number | null;
  /**
   * Offsets of the balanced decision rule in calibration.json (post-hoc logit adjustment fitted on
   * validation data) that pick the reported diagnosis; null: the most probable label.
   */
  decisionOffsets: number[] | null;
  /** The classifier's fusion with the clinical metadata (metadata-fusion.json), if it ships one. */
  metadataFusion: MetadataFusion | null;
  /** Classifiers trained on colour-corrected input (card input.shadesOfGray): its norm, else null. */
  shadesOfGray: { p: number } | null;
  /** URL of the classifier's novelty.json (how unlike its training images a photo is), null when it has none. */
  noveltyUrl: string | null;
}

/**
 * The posed-expression SVM (registry task `fer-posed`, CK+) as the demo runs it: a second reading of
 * each face beside the FER network's, from its svm.json and the feature CNN that file names.
 */
export interface DemoPosedModelInfo {
  model: string;
  name: string;
  version: string;
  architecture: string;
  labels: string[];
  /** Side of the gray crops it reads. */
  faceSize: number;
  /** Bytes of svm.json plus the feature CNN's model.json and weights. */
  downloadBytes: number;
  metrics: { set: string; figures: ModelFigure[] }[];
  svmUrl: string;
  /** The feature CNN's model.json, null when the SVM uses no CNN features. */
  cnnUrl: string | null;
}

/** The posed-expression model, why it cannot be offered, or null when the registry names none. */
export type DemoPosedModel = { ok: true; info: DemoPosedModelInfo } | { ok: false; error: string } | null;

/** Each demo task's model, or why it cannot be offered. */
export type DemoModels = Record<DemoTask, { ok: true; info: DemoModelInfo } | { ok: false; error: string }>;
