import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import * as tf from '@tensorflow/tfjs';

import type { FaceApi } from '../face/face-api-detector';

/** The face-api networks a pipeline can load. */
export type FaceApiNet = 'tinyFaceDetector' | 'ssdMobilenetv1' | 'faceLandmark68Net' | 'faceExpressionNet';

/** The weights that ship inside the @vladmandic/face-api npm package. */
export function faceApiModelDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
}

/**
 * Loads face-api.js in Node on tfjs's wasm backend (tfjs-node cannot be installed here) and the
 * requested networks from disk. setWasmPaths is left alone: the backend finds its .wasm files itself.
 */
export async function loadFaceApiNode(
  nets: readonly FaceApiNet[] = ['tinyFaceDetector', 'faceLandmark68Net', 'faceExpressionNet'],
  modelDir = faceApiModelDir(),
): Promise<FaceApi> {
  const faceapi = (await import('@vladmandic/face-api/dist/face-api.node-wasm.js')) as unknown as FaceApi;
  // face-api's Node build requires the same @tensorflow/tfjs instance, so its backend is set here.
  if (tf.getBackend() !== 'wasm') {
    await tf.setBackend('wasm');
    await tf.ready();
  }
  for (const net of nets) {
    if (!faceapi.nets[net].isLoaded) await faceapi.nets[net].loadFromDisk(modelDir);
  }
  return faceapi;
}
