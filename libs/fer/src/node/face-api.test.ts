import { createRasterImage } from '@visioncad/vision-core/image';
import { beforeAll, describe, expect, it } from 'vitest';

import { createFaceApiDetector, type FaceApi } from '../face/face-api-detector';
import { faceApiExpressionProbabilities } from '../face/face-api-expressions';
import { extractFaces } from '../face/face-pipeline';
import { loadFaceApiNode } from './face-api';

// The weights ship inside the @vladmandic/face-api npm package, so this runs on any install.
let faceapi: FaceApi;
beforeAll(async () => {
  faceapi = await loadFaceApiNode(['tinyFaceDetector', 'faceLandmark68Net', 'faceExpressionNet']);
});

describe('face-api.js in Node (wasm backend, weights from the npm package)', () => {
  it('returns one FER2013-ordered probability row per crop', async () => {
    const crops = [0, 1].map((k) =>
      createRasterImage(
        48,
        48,
        1,
        Uint8Array.from({ length: 48 * 48 }, (_, i) => (i * (k + 3)) % 256),
      ),
    );
    const rows = await faceApiExpressionProbabilities(faceapi, crops);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toHaveLength(7);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
    expect(Array.from(rows[0])).not.toEqual(Array.from(rows[1]));
    expect(await faceApiExpressionProbabilities(faceapi, [])).toEqual([]);
  });

  it('finds no face in a blank frame', async () => {
    const blank = createRasterImage(160, 120, 3, new Uint8Array(160 * 120 * 3).fill(200));
    expect(await extractFaces(blank, createFaceApiDetector(faceapi))).toEqual([]);
  });

  it('says which network is missing', async () => {
    const ssd = createFaceApiDetector(faceapi, { detector: 'ssd' });
    await expect(ssd.detect(createRasterImage(8, 8, 1))).rejects.toThrow(/ssd face detector is not loaded/);
  });
});
