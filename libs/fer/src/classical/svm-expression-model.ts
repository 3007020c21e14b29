import {
  applyScaler,
  fitScaler,
  hog,
  lbpHistogram,
  LinearSvm,
  SvmClassifier,
  type FeatureScaler,
  type HogOptions,
  type LbpOptions,
  type LinearSvmJson,
  type ScalingMethod,
  type SvmModelJson,
  type SvmParams,
} from '@visioncad/vision-core/features';
import type { RasterImage } from '@visioncad/vision-core/image';

import type { EyeFraming } from '../face/face-alignment';
import type { Point } from '../face/landmarks-68';
import { landmarkGeometry } from '../features/landmark-geometry';
import type { Emotion } from '../label-space';

/** A trained FER CNN's activations as SVM features (built by models/cnn-activations). */
export interface CnnFeatureSource {
  /** The CNN's model directory, relative to the SVM model's own directory. */
  model: string;
  /** Layers whose flattened outputs are concatenated, in this order. */
  layers: string[];
  /** Averages the face's and its mirror image's activations. */
  flip: boolean;
}

/**
 * Which features feed the SVM, concatenated in order: pixels, HOG, LBP, landmarks, CNN activations.
 */
export interface ClassicalFeatureSpec {
  /** Raw crop intensities scaled to [0, 1]. */
  pixels?: boolean;
  /** HOG of the crop with these options. */
  hog?: HogOptions;
  /** Regional uniform LBP histograms of the crop ({@link lbpHistogram}) with these options. */
  lbp?: LbpOptions;
  /** 68-landmark geometry ({@link landmarkGeometry}); every input must then carry landmarks. */
  landmarks?: boolean;
  /** A CNN's activations; every input must then carry them (`ClassicalInput.cnn`). */
  cnn?: CnnFeatureSource;
}

/**
 * One face for the model: the gray crop and, for landmark features, its 68 landmarks; for CNN
 * features, the CNN's activations of the crop (the caller runs the network, which this browser-safe
 * model does not load).
 */
export interface ClassicalInput {
  face: RasterImage;
  landmarks?: readonly Point[];
  cnn?: ArrayLike<number>;
}

/** The shippable model: feature recipe, fitted scaler and SVM, as one JSON document. */
export interface SvmExpressionModelJson {
  format: 'visioncad-fer-svm';
  version: 1;
  classes: Emotion[];
  /** Side of the square gray crop the features expect. */
  faceSize: number;
  /**
   * Where the eyes sat in the training crops (mean over their landmarks): cut new faces the same
   * way (fer's `cropFace` with `eyes`). Absent in models saved before it was recorded.
   */
  framing?: EyeFraming;
  features: ClassicalFeatureSpec;
  scaler: FeatureScaler;
  /** libsvm's model, or for a linear kernel its weight vectors (no support vectors). */
  svm: SvmModelJson | LinearSvmJson;
}

/** Training options of {@link SvmExpressionModel}. */
export interface SvmExpressionTrainOptions {
  classes: readonly Emotion[];
  /** The training crops' eye framing, kept with the model (see {@link SvmExpressionModelJson}). */
  framing?: EyeFraming;
  features: ClassicalFeatureSpec;
  scaling: ScalingMethod;
  svm: SvmParams;
}

/** Feature vector of one face; `where` names the input in errors. */
export function classicalFeatures(
  input: ClassicalInput,
  spec: ClassicalFeatureSpec,
  where = 'input',
): Float32Array {
  const parts: ArrayLike<number>[] = [];
  if (input.face.channels !== 1) throw new RangeError(`${where}: the face crop must be grayscale`);
  if (spec.pixels) parts.push(Float32Array.from(input.face.data, (v) => v / 255));
  if (spec.hog) parts.push(hog(input.face, spec.hog));
  if (spec.lbp) parts.push(lbpHistogram(input.face, spec.lbp));
  if (spec.landmarks) {
    if (!input.landmarks) throw new RangeError(`${where}: landmark features need 68 landmarks`);
    parts.push(landmarkGeometry(input.landmarks));
  }
  if (spec.cnn) {
    if (!input.cnn) throw new RangeError(`${where}: CNN features need the activations of ${spec.cnn.model}`);
    parts.push(input.cnn);
  }
  if (parts.length === 0)
    throw new RangeError('the feature spec selects no features (pixels, hog, lbp, landmarks or cnn)');
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * The classical FER model of seed 003: hand-crafted features (pixels, HOG, LBP, landmark geometry),
 * optionally with a trained CNN's activations, min-max or z-score scaling, and a kernel SVM.
 * Serialises to a single JSON document.
 */
export class SvmExpressionModel {
  private constructor(
    readonly classes: readonly Emotion[],
    readonly faceSize: number,
    readonly features: ClassicalFeatureSpec,
    readonly scaler: FeatureScaler,
    readonly svm: SvmClassifier | LinearSvm,
    readonly framing?: EyeFraming,
  ) {}

  /**
   * Fits scaler and SVM on precomputed feature rows (from {@link classicalFeatures}). A linear SVM is
   * kept as its weight vectors ({@link LinearSvm}: same predictions, a fraction of the size).
   */
  static async fitFeatures(
    rows: readonly ArrayLike<number>[],
    labels: ArrayLike<number>,
    faceSize: number,
    options: SvmExpressionTrainOptions,
  ): Promise<SvmExpressionModel> {
    const scaler = fitScaler(rows, options.scaling);
    const trained = await SvmClassifier.train(
      applyScaler(scaler, rows),
      labels,
      options.svm,
      options.classes.length,
    );
    let svm: SvmClassifier | LinearSvm = trained;
    if (options.svm.kernel === 'linear') {
      svm = LinearSvm.fromLibsvm(trained.toJSON());
      trained.dispose();
    }
    return new SvmExpressionModel(
      [...options.classes],
      faceSize,
      options.features,
      scaler,
      svm,
      options.framing,
    );
  }

  /** Extracts features from the faces (all the same size) and fits the model. */
  static async train(
    inputs: readonly ClassicalInput[],
    labels: ArrayLike<number>,
    options: SvmExpressionTrainOptions,
  ): Promise<SvmExpressionModel> {
    if (inputs.length === 0) throw new RangeError('no training faces');
    const faceSize = inputs[0].face.width;
    const rows = inputs.map((input, i) => {
      if (input.face.width !== faceSize || input.face.height !== faceSize) {
        throw new RangeError(
          `training face ${i} is ${input.face.width}x${input.face.height}, expected ${faceSize}x${faceSize}`,
        );
      }
      return classicalFeatures(input, options.features, `training face ${i}`);
    });
    return SvmExpressionModel.fitFeatures(rows, labels, faceSize, options);
  }

  /** Restores a model saved with `toJSON()`. */
  static async fromJSON(json: SvmExpressionModelJson): Promise<SvmExpressionModel> {
    if (json.format !== 'visioncad-fer-svm' || json.version !== 1) {
      throw new Error(
        `not a VisionCAD FER SVM model (format ${JSON.stringify(json.format)}, version ${json.version})`,
      );
    }
    return new SvmExpressionModel(
      json.classes,
      json.faceSize,
      json.features,
      json.scaler,
      json.svm.format === 'linear-svm-ovo'
        ? LinearSvm.fromJSON(json.svm)
        : await SvmClassifier.fromJSON(json.svm),
      json.framing,
    );
  }

  private rows(inputs: readonly ClassicalInput[]): Float64Array[] {
    return applyScaler(
      this.scaler,
      inputs.map((input, i) => {
        if (input.face.width !== this.faceSize || input.face.height !== this.faceSize) {
          throw new RangeError(
            `face ${i} is ${input.face.width}x${input.face.height}; this model takes ${this.faceSize}x${this.faceSize} crops`,
          );
        }
        return classicalFeatures(input, this.features, `face ${i}`);
      }),
    );
  }

  /** Predicted class index (into `classes`) of each face. */
  predict(inputs: readonly ClassicalInput[]): Int32Array {
    return this.svm.predict(this.rows(inputs));
  }

  /** Class probabilities of each face (the SVM must have been trained with probability: true). */
  predictProbabilities(inputs: readonly ClassicalInput[]): Float64Array[] {
    return this.svm.predictProbabilities(this.rows(inputs));
  }

  /** The vote and the class probabilities of each face, from one feature extraction. */
  decide(inputs: readonly ClassicalInput[]): { votes: Int32Array; probabilities: Float64Array[] } {
    const rows = this.rows(inputs);
    return { votes: this.svm.predict(rows), probabilities: this.svm.predictProbabilities(rows) };
  }

  /** The model as one JSON document. */
  toJSON(): SvmExpressionModelJson {
    return {
      format: 'visioncad-fer-svm',
      version: 1,
      classes: [...this.classes],
      faceSize: this.faceSize,
      ...(this.framing ? { framing: this.framing } : {}),
      features: this.features,
      scaler: this.scaler,
      svm: this.svm.toJSON(),
    };
  }

  /** Frees the SVM's wasm memory (a linear SVM holds none). */
  dispose(): void {
    this.svm.dispose();
  }
}
