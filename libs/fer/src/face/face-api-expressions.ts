import type { RasterImage } from '@visioncad/vision-core/image';

import { FER2013_CLASSES, toEmotion } from '../label-space';
import { toFaceApiTensor, type FaceApi } from './face-api-detector';

/**
 * Classifies face crops with face-api.js's faceExpressionNet (the peer model, published without an
 * accuracy figure). Returns one probability row per face in FER2013 class order
 * (angry, disgust, fear, happy, sad, surprise, neutral). faceExpressionNet must be loaded.
 */
export async function faceApiExpressionProbabilities(
  faceapi: FaceApi,
  faces: readonly RasterImage[],
): Promise<Float64Array[]> {
  if (!faceapi.nets.faceExpressionNet.isLoaded) throw new Error("face-api's faceExpressionNet is not loaded");
  if (faces.length === 0) return [];
  const tensors = faces.map((face) => toFaceApiTensor(faceapi, face));
  try {
    const result = await faceapi.nets.faceExpressionNet.predictExpressions(tensors);
    const rows = Array.isArray(result) ? result : [result];
    return rows.map((expressions) => {
      const row = new Float64Array(FER2013_CLASSES.length);
      for (const { expression, probability } of expressions.asSortedArray()) {
        row[FER2013_CLASSES.indexOf(toEmotion('face-api', expression))] = probability;
      }
      return row;
    });
  } finally {
    tensors.forEach((t) => t.dispose());
  }
}
