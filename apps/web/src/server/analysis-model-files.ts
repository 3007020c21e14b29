// Reading a shipped model directory (models/<name>: model.json, its weight shards, card.json) in the
// portal's server. vision-core's loadModel/readModelCard do the same, but they sit behind
// `./x.node.js` specifiers that Turbopack (Next 16.4) cannot resolve to .ts sources (it has no
// extensionAlias, vercel/next.js#82945), so the portal reads the files itself with the same formats.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { parseModelCard, type ModelCard } from '@visioncad/vision-core/models';
import {
  CLASSIFIER_CALIBRATION_FILE,
  parseClassifierCalibration,
  type ClassifierCalibration,
} from '@visioncad/dermoscopy/models/classifier-calibration';
import {
  METADATA_FUSION_FILE,
  parseMetadataFusion,
  type MetadataFusion,
} from '@visioncad/dermoscopy/clinical/metadata-fusion';
import {
  IMAGE_NOVELTY_FILE,
  parseImageNovelty,
  type ImageNovelty,
} from '@visioncad/dermoscopy/models/image-novelty';

/** Resolves a manifest path inside the model directory, refusing paths that would escape it. */
function weightFile(dir: string, name: string, jsonPath: string): string {
  const clean = path.normalize(name);
  if (path.isAbsolute(clean) || clean === '..' || clean.startsWith(`..${path.sep}`)) {
    throw new Error(`${jsonPath} lists weight file '${name}' outside the model directory`);
  }
  return path.join(dir, clean);
}

/** Loads the tfjs LayersModel of a model directory (uint8/float16 quantised weights included). */
export async function loadLayersModelFromDir(dir: string): Promise<tf.LayersModel> {
  const jsonPath = path.join(dir, 'model.json');
  const handler: tf.io.IOHandler = {
    async load() {
      let modelJson: tf.io.ModelJSON;
      try {
        modelJson = JSON.parse(await readFile(jsonPath, 'utf8')) as tf.io.ModelJSON;
      } catch (error) {
        throw new Error(`cannot read model ${jsonPath}: ${(error as Error).message}`);
      }
      if (modelJson.modelTopology == null) throw new Error(`${jsonPath} has no modelTopology`);
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const name of group.paths) {
            const bytes = await readFile(weightFile(dir, name, jsonPath)).catch((error: Error) => {
              throw new Error(
                `${jsonPath} lists weight file ${name}, which cannot be read: ${error.message}`,
              );
            });
            buffers.push(
              bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
            );
          }
        }
        return [specs, tf.io.CompositeArrayBuffer.join(buffers)];
      });
    },
  };
  return tf.loadLayersModel(handler);
}

/** The model card of a model directory, validated. */
export async function readModelCardFile(dir: string): Promise<ModelCard> {
  const file = path.join(dir, 'card.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(`${file} is missing`);
  }
  try {
    return parseModelCard(JSON.parse(text), file);
  } catch (error) {
    throw new Error(error instanceof SyntaxError ? `${file} is not valid JSON` : (error as Error).message);
  }
}

/**
 * The classifier's calibration.json (fitted on validation data): the temperature its probabilities
 * are scaled by and, when it has one, the balanced decision rule that picks the reported diagnosis.
 */
export async function readClassifierCalibration(
  dir: string,
  labels: readonly string[],
): Promise<ClassifierCalibration> {
  const file = path.join(dir, CLASSIFIER_CALIBRATION_FILE);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
  return parseClassifierCalibration(json, file, labels);
}

/** A model's optional JSON file, parsed; null when the file does not exist. */
async function readOptionalJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** The classifier's metadata-fusion.json (fitted on HAM10000's training and validation splits), or null when it has none. */
export async function readMetadataFusion(
  dir: string,
  labels: readonly string[],
): Promise<MetadataFusion | null> {
  const file = path.join(dir, METADATA_FUSION_FILE);
  const json = await readOptionalJson(file);
  return json === null ? null : parseMetadataFusion(json, file, labels);
}

/** The classifier's novelty.json (how unlike its training images an image is), or null when it has none. */
export async function readImageNovelty(dir: string): Promise<ImageNovelty | null> {
  const file = path.join(dir, IMAGE_NOVELTY_FILE);
  const json = await readOptionalJson(file);
  return json === null ? null : parseImageNovelty(json, file);
}
