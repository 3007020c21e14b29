// The production models the portal's analyses run, loaded once per process and models folder and
// kept: the dermoscopy U-Net and classifier, the FER classifier, face-api's detector and, when the
// registry names one under `fer-posed`, the posed-expression SVM (CK+) that gives each face a second
// reading. Which model directory serves a task is models/registry.json's call
// ($VISIONCAD_MODELS_DIR overrides the folder).
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DermoscopyModels } from '@visioncad/dermoscopy/analyze';
import { SvmExpressionClassifier } from '@visioncad/fer/classical/svm-expression-classifier';
import { cropLandmarks68, type FaceApi } from '@visioncad/fer/face/face-api-detector';
import { loadFaceApiNode } from '@visioncad/fer/node/face-api';
import { readSvmExpressionModelFile } from '@visioncad/fer/node/svm-expression-file';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerTrainingKernels } from '@visioncad/vision-core/backend/register-training-kernels';
import { servingRegistryKey, type FaceFraming, type ModelCard } from '@visioncad/vision-core/models';
import {
  loadLayersModelFromDir,
  readClassifierCalibration,
  readImageNovelty,
  readMetadataFusion,
  readModelCardFile,
} from './analysis-model-files';
import { readModelRegistry } from './model-registry';
import { registryLocation } from './registered-models';

/** The models folder the registry lives in ($VISIONCAD_MODELS_DIR, else <repo>/models). */
export function analysisModelsDir(): string {
  return path.dirname(registryLocation().file);
}

/** The model that serves a task's analyses: its registry key, directory and card. */
export interface ProductionModel {
  task: string;
  /** The registry entry serving the task: `<task>-ensemble` when one is registered, else `task`. */
  registryKey: string;
  /** Directory name under the models folder. */
  model: string;
  dir: string;
  card: ModelCard;
}

/** No usable production model for a task; the message says what is missing and where. */
export class MissingModelError extends Error {
  override readonly name = 'MissingModelError';
}

/**
 * Reads the registry entry and card of the model serving a task's analyses (no weights are loaded):
 * the task's ensemble when the registry names one (the portal runs on the server, where the extra
 * forward passes cost little), else its single model.
 */
export async function productionModel(
  task: string,
  modelsDir = analysisModelsDir(),
): Promise<ProductionModel> {
  const registryFile = path.join(modelsDir, 'registry.json');
  const read = await readModelRegistry(registryFile);
  if (read.status !== 'ok') {
    throw new MissingModelError(
      read.status === 'absent'
        ? `there is no model registry (${registryFile})`
        : `the model registry is unusable: ${read.error}`,
    );
  }
  const registryKey = servingRegistryKey(read.registry, task);
  if (!registryKey) throw new MissingModelError(`the model registry names no production model for "${task}"`);
  const entry = read.registry.tasks[registryKey];
  const dir = path.join(modelsDir, entry.model);
  try {
    return { task, registryKey, model: entry.model, dir, card: await readModelCardFile(dir) };
  } catch (error) {
    throw new MissingModelError(
      `the "${registryKey}" model ${entry.model} has no usable card: ${(error as Error).message}`,
    );
  }
}

/**
 * The installed @vladmandic/face-api package (its weights are in model/), found by walking up from
 * the working directory. fer's faceApiModelDir() asks require.resolve, which inside the Next.js
 * server bundle answers a module id instead of a path.
 */
export function faceApiPackageDir(start = process.cwd()): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', '@vladmandic', 'face-api');
    if (existsSync(path.join(candidate, 'model'))) return candidate;
    if (path.dirname(dir) === dir) {
      throw new MissingModelError(
        `@vladmandic/face-api (the face detector's weights) is not installed above ${start}`,
      );
    }
  }
}

/** A FER classifier: the network, its labels, its square gray input side and its training crops' framing. */
export interface FerClassifier {
  model: tf.LayersModel;
  labels: readonly string[];
  size: number;
  /** Where the eyes sat in the training crops (card input.faceFraming): faces are cut to match. */
  framing?: FaceFraming;
}

/** Everything an analysis of one kind needs, with the cards of the models it ran. */
export interface LoadedDermoscopy {
  models: DermoscopyModels;
  segmentation: ModelCard;
  classifier: ModelCard;
}
export interface LoadedFace {
  faceapi: FaceApi;
  classifier: FerClassifier;
  card: ModelCard;
  /** The registry's `fer-posed` model (a second reading of each face), absent when none is registered. */
  posed?: { classifier: SvmExpressionClassifier; card: ModelCard };
}

/** Registry task of the posed-expression model: faces like CK+'s (frontal, lab-lit, acted), 7 classes incl. contempt. */
export const POSED_FER_TASK = 'fer-posed';

interface ModelCache {
  backend?: Promise<unknown>;
  dermoscopy: Map<string, Promise<LoadedDermoscopy>>;
  face: Map<string, Promise<LoadedFace>>;
}

// On globalThis: Next.js may evaluate this module once per route bundle, and the models (and the
// tfjs backend) must exist once per process.
const cacheKey = Symbol.for('visioncad.analysis-models');
function cache(): ModelCache {
  const holder = globalThis as typeof globalThis & { [cacheKey]?: ModelCache };
  holder[cacheKey] ??= { dermoscopy: new Map(), face: new Map() };
  return holder[cacheKey];
}

/**
 * Starts tfjs once: single-threaded wasm (XNNPACK) with vision-core's training kernels, which
 * Grad-CAM's backward pass needs (MaxPoolGrad and friends). VISIONCAD_BACKEND=cpu picks tfjs' plain
 * JS backend instead. (vision-core's selectBackend is not used: its threaded-wasm module resolves a
 * worker file from import.meta.url at load time, which fails inside the Next.js server bundle.)
 */
export function ensureBackend(): Promise<unknown> {
  const c = cache();
  c.backend ??= (async () => {
    const name = process.env.VISIONCAD_BACKEND === 'cpu' ? 'cpu' : 'wasm';
    if (name === 'wasm') registerTrainingKernels();
    if (!(await tf.setBackend(name))) throw new Error(`the tfjs ${name} backend failed to start`);
    await tf.ready();
    return name;
  })();
  c.backend.catch(() => {
    c.backend = undefined;
  });
  return c.backend;
}

// A failed load is not cached, so fixing the models folder and retrying works without a restart.
function remember<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let pending = map.get(key);
  if (!pending) {
    pending = load();
    map.set(key, pending);
    pending.catch(() => map.delete(key));
  }
  return pending;
}

/** The dermoscopy segmentation and classification models of the registry, loaded once. */
export function dermoscopyModels(modelsDir = analysisModelsDir()): Promise<LoadedDermoscopy> {
  return remember(cache().dermoscopy, modelsDir, async () => {
    await ensureBackend();
    const [segmentation, classifier] = await Promise.all([
      productionModel('lesion-segmentation', modelsDir),
      productionModel('lesion-classification', modelsDir),
    ]);
    const [segmentationModel, classifierModel, calibration, metadataFusion, novelty] = await Promise.all([
      loadLayersModelFromDir(segmentation.dir),
      loadLayersModelFromDir(classifier.dir),
      readClassifierCalibration(classifier.dir, classifier.card.labels),
      readMetadataFusion(classifier.dir, classifier.card.labels),
      readImageNovelty(classifier.dir),
    ]);
    return {
      models: {
        segmentation: segmentationModel,
        classifier: {
          model: classifierModel,
          labels: classifier.card.labels,
          temperature: calibration.temperature,
          decisionOffsets: calibration.decisionRule?.offsets ?? null,
          metadataFusion,
          shadesOfGray: classifier.card.input.shadesOfGray ?? null,
          novelty,
        },
      },
      segmentation: segmentation.card,
      classifier: classifier.card,
    };
  });
}

/** face-api's detector with landmarks (weights from its npm package) and the registry's FER model. */
export function faceModels(modelsDir = analysisModelsDir()): Promise<LoadedFace> {
  return remember(cache().face, modelsDir, async () => {
    await ensureBackend();
    const fer = await productionModel('fer', modelsDir);
    const { input, labels } = fer.card;
    if (input.channels !== 1 || input.width !== input.height) {
      throw new MissingModelError(
        `the fer model ${fer.model} takes ${input.width}x${input.height}x${input.channels}; the face analysis needs a square gray input`,
      );
    }
    const faceapi = await loadFaceApiNode(
      ['tinyFaceDetector', 'faceLandmark68Net'],
      path.join(faceApiPackageDir(), 'model'),
    );
    const model = await loadLayersModelFromDir(fer.dir);
    const outputs = model.outputs[0].shape[1];
    if (outputs !== labels.length) {
      throw new MissingModelError(
        `the fer model ${fer.model} outputs ${outputs} classes but its card lists ${labels.length} labels`,
      );
    }
    const posed = await posedExpressionModel(faceapi, modelsDir);
    return {
      faceapi,
      classifier: { model, labels, size: input.width, framing: input.faceFraming },
      card: fer.card,
      ...(posed ? { posed } : {}),
    };
  });
}

/**
 * The `fer-posed` registry entry loaded (its SVM, the feature CNN its svm.json names, face-api's
 * landmark net for its landmark features), or null when the registry names none.
 */
async function posedExpressionModel(
  faceapi: FaceApi,
  modelsDir: string,
): Promise<LoadedFace['posed'] | null> {
  const read = await readModelRegistry(path.join(modelsDir, 'registry.json'));
  if (read.status !== 'ok' || !read.registry.tasks[POSED_FER_TASK]) return null;
  const posed = await productionModel(POSED_FER_TASK, modelsDir);
  const where = `the ${POSED_FER_TASK} model ${posed.model}`;
  try {
    const { json, cnnDir } = await readSvmExpressionModelFile(posed.dir);
    const cnn = cnnDir ? await loadLayersModelFromDir(cnnDir) : undefined;
    const classifier = await SvmExpressionClassifier.create(json, {
      cnn,
      landmarks: (crop) => cropLandmarks68(faceapi, crop),
      where: 'its svm.json',
    });
    return { classifier, card: posed.card };
  } catch (error) {
    throw new MissingModelError(`${where} cannot be loaded: ${(error as Error).message}`);
  }
}
