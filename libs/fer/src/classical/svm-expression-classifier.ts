import type * as tf from '@tensorflow/tfjs';
import type { RasterImage } from '@visioncad/vision-core/image';

import type { EyeFraming } from '../face/face-alignment';
import type { Point } from '../face/landmarks-68';
import type { Emotion } from '../label-space';
import { buildCnnActivations, cnnActivationRows } from '../models/cnn-activations';
import { SvmExpressionModel, type ClassicalInput, type SvmExpressionModelJson } from './svm-expression-model';

/** The 68 landmarks of a gray face crop (e.g. fer's `cropLandmarks68` with face-api loaded). */
export type CropLandmarks = (face: RasterImage) => Promise<readonly Point[]>;

/** One face's result: libsvm's one-vs-one vote and, beside it, the Platt class probabilities. */
export interface SvmExpressionResult {
  /** The predicted class (the vote, as the model was measured). */
  label: Emotion;
  /** Platt probabilities in `classes` order (their argmax can differ from the vote). */
  probabilities: number[];
}

/**
 * A shipped FER SVM ready to classify face crops: it computes the features its model was trained on
 * (HOG, LBP, landmark geometry, the feature CNN's activations) and runs the SVM. Browser-safe: the
 * caller loads the feature CNN and supplies the landmark detector.
 */
export class SvmExpressionClassifier {
  private constructor(
    private readonly model: SvmExpressionModel,
    private readonly extractor: tf.LayersModel | null,
    private readonly landmarks: CropLandmarks | null,
  ) {}

  /**
   * Restores the model from its svm.json document. `cnn` is the network its `features.cnn` names
   * (required then, refused otherwise); `landmarks` is required when the model uses landmark
   * features. `where` names the model in errors.
   */
  static async create(
    json: SvmExpressionModelJson,
    options: { cnn?: tf.LayersModel; landmarks?: CropLandmarks; where?: string } = {},
  ): Promise<SvmExpressionClassifier> {
    const where = options.where ?? 'the FER SVM';
    const spec = json.features.cnn;
    if (spec && !options.cnn) throw new Error(`${where} needs its feature CNN (${spec.model})`);
    if (!spec && options.cnn) throw new Error(`${where} uses no CNN features, yet a CNN was given`);
    if (json.features.landmarks && !options.landmarks) {
      throw new Error(`${where} uses 68-landmark features: give it a landmark detector`);
    }
    let extractor: tf.LayersModel | null = null;
    if (spec && options.cnn) {
      extractor = buildCnnActivations(options.cnn, spec.layers, spec.flip, `${where}'s CNN ${spec.model}`);
      const [, height, width, channels] = extractor.inputs[0].shape;
      if (height !== json.faceSize || width !== json.faceSize || channels !== 1) {
        throw new Error(
          `${where}: its CNN ${spec.model} takes ${width}x${height}x${channels}, the SVM ${json.faceSize}x${json.faceSize} gray crops`,
        );
      }
    }
    const model = await SvmExpressionModel.fromJSON(json);
    return new SvmExpressionClassifier(model, extractor, json.features.landmarks ? options.landmarks! : null);
  }

  get classes(): readonly Emotion[] {
    return this.model.classes;
  }

  /** Side of the square gray crops it takes. */
  get faceSize(): number {
    return this.model.faceSize;
  }

  /** The training crops' eye framing: cut faces with `cropFace(image, face, { size, eyes })`. */
  get framing(): EyeFraming | undefined {
    return this.model.framing;
  }

  /** Classifies gray face crops of `faceSize` (scaled as the training crops: 0-255 intensities). */
  async classify(faces: readonly RasterImage[]): Promise<SvmExpressionResult[]> {
    if (faces.length === 0) return [];
    const activations = this.extractor ? await cnnActivationRows(this.extractor, faces) : null;
    const inputs: ClassicalInput[] = [];
    for (const [i, face] of faces.entries()) {
      inputs.push({
        face,
        landmarks: this.landmarks ? await this.landmarks(face) : undefined,
        cnn: activations?.[i],
      });
    }
    const { votes, probabilities } = this.model.decide(inputs);
    return faces.map((_, i) => ({
      label: this.model.classes[votes[i]],
      probabilities: Array.from(probabilities[i]),
    }));
  }

  /** Frees the SVM (a linear one holds no memory); the CNN and its weights stay the caller's. */
  dispose(): void {
    this.model.dispose();
  }
}
