import { createRasterImage } from '@visioncad/vision-core/image';
import { describe, expect, it } from 'vitest';

import { extractFaces, type DetectedFace, type FaceDetector } from './face-pipeline';

/** A detector that reports fixed boxes, standing in for a face-api network. */
function fixedDetector(faces: DetectedFace[]): FaceDetector {
  return { detect: async () => faces.map((f) => ({ ...f })) };
}

describe('extractFaces', () => {
  const photo = createRasterImage(200, 100, 3, new Uint8Array(200 * 100 * 3).fill(50));

  it('crops every detected face, largest first, with its roll', async () => {
    const detector = fixedDetector([
      { box: { x: 10, y: 10, width: 20, height: 20 }, score: 0.9 },
      { box: { x: 100, y: 10, width: 60, height: 60 }, score: 0.8 },
    ]);
    const faces = await extractFaces(photo, detector);
    expect(faces.map((f) => f.box.width)).toEqual([60, 20]);
    for (const f of faces) {
      expect(f.face).toMatchObject({ width: 48, height: 48, channels: 1 });
      expect(f.rollDegrees).toBe(0);
    }
    expect(await extractFaces(photo, detector, { maxFaces: 1, size: 64 })).toMatchObject([
      { score: 0.8, face: { width: 64 } },
    ]);
  });

  it('returns nothing when no face is found', async () => {
    expect(await extractFaces(photo, fixedDetector([]))).toEqual([]);
  });
});
