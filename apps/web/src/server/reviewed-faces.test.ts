import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRasterImage } from '@visioncad/vision-core/image';
import { decodeImageFile, encodePng } from '@visioncad/vision-core/image-node';
import { storeBytes } from './image-storage';
import { exportReviewedFaces, reviewedFaces } from './reviewed-faces';
import { createTestDatabase, type TestDatabase } from './test-database.test-support';

let test: TestDatabase;
const storageDir = () => path.join(test.dir, 'storage');
const ids: Record<string, string> = {};

/** A 100x80 RGB photo: black, with a (200, 200, 200) square where the face box is. */
async function facePhoto(): Promise<Uint8Array> {
  const data = new Uint8Array(100 * 80 * 3);
  for (let y = 20; y < 70; y++)
    for (let x = 30; x < 70; x++) data.fill(200, (y * 100 + x) * 3, (y * 100 + x) * 3 + 3);
  return encodePng(createRasterImage(100, 80, 3, data));
}

async function reviewedImage(
  ref: string,
  faces: object[],
  readings: Array<{ label: string; minute: number; draft?: boolean; amendsPrevious?: boolean }>,
  storageKey?: string,
) {
  const { db } = test;
  const userId = test.clinician.id;
  const patient = await db.patient.create({ data: { reference: ref } });
  const visit = await db.case.create({
    data: { patientId: patient.id, visitDate: new Date('2026-03-01T00:00:00Z'), createdById: userId },
  });
  const stored = await storeBytes(await facePhoto(), storageDir());
  const image = await db.image.create({
    data: {
      caseId: visit.id,
      kind: 'FACE',
      contentHash: stored.contentHash,
      storageKey: storageKey ?? stored.storageKey,
      mimeType: 'image/png',
      byteSize: 1,
      width: 100,
      height: 80,
      uploadedById: userId,
    },
  });
  const modelVersion = await db.modelVersion.upsert({
    where: { name_version: { name: 'fer-test', version: '1' } },
    create: {
      name: 'fer-test',
      version: '1',
      task: 'fer',
      architecture: 't',
      metrics: {},
      card: {},
      artifactPath: 'x',
    },
    update: {},
  });
  const analysis = await db.analysis.create({
    data: {
      imageId: image.id,
      modelVersionId: modelVersion.id,
      task: 'fer',
      status: 'SUCCEEDED',
      outputs: { kind: 'FACE', faces },
      finishedAt: new Date('2026-03-01T01:00:00Z'),
    },
  });
  let previous: string | null = null;
  for (const r of readings) {
    const review: { id: string } = await db.review.create({
      data: {
        caseId: visit.id,
        imageId: image.id,
        analysisId: analysis.id,
        reviewerId: userId,
        label: r.label,
        amendsId: r.amendsPrevious ? previous : null,
        signedOffAt: r.draft ? null : new Date(Date.UTC(2026, 2, 2, 0, r.minute)),
      },
    });
    previous = review.id;
  }
  ids[ref] = image.id;
}

const face = (box: object, landmarks?: object[]) => ({
  box,
  score: 0.9,
  probabilities: [],
  topLabel: 'neutral',
  ...(landmarks ? { landmarks } : {}),
});

/** 68 landmarks at the square's centre, the two eye rings (36-41, 42-47) at the given eye centres. */
const eyesAt = (left: { x: number; y: number }, right: { x: number; y: number }) =>
  Array.from({ length: 68 }, (_, i) =>
    i >= 36 && i < 42 ? left : i >= 42 && i < 48 ? right : { x: 50, y: 45 },
  );

beforeAll(async () => {
  test = await createTestDatabase();
  await reviewedImage(
    'P_A/1',
    [face({ x: 35.4, y: 25, width: 30, height: 40 }), face({ x: 0, y: 0, width: 5, height: 5 })],
    [{ label: 'happy', minute: 1 }],
  );
  // Read as sad, then amended to angry: only the amendment counts.
  await reviewedImage(
    'B',
    [face({ x: 35, y: 25, width: 30, height: 40 })],
    [
      { label: 'sad', minute: 2 },
      { label: 'angry', minute: 3, amendsPrevious: true },
    ],
  );
  await reviewedImage('C', [], [{ label: 'fear', minute: 4 }]);
  // A box over the whole (mostly black) photo, but eyes inside the bright square: cut by the eyes
  // the crop is all square, cut by the box it is mostly black.
  await reviewedImage(
    'G',
    [face({ x: 0, y: 0, width: 100, height: 80 }, eyesAt({ x: 45, y: 40 }, { x: 55, y: 40 }))],
    [{ label: 'sad', minute: 8 }],
  );
  await reviewedImage('D', [face({ x: 35, y: 25, width: 30, height: 40 })], [{ label: 'mel', minute: 5 }]);
  await reviewedImage(
    'E',
    [face({ x: 35, y: 25, width: 30, height: 40 })],
    [{ label: 'happy', minute: 6, draft: true }],
  );
  await reviewedImage(
    'F',
    [face({ x: 35, y: 25, width: 30, height: 40 })],
    [{ label: 'surprise', minute: 7 }],
    `sha256/ab/${'ab'.repeat(32)}`,
  );
}, 60_000);

afterAll(async () => {
  await test.cleanup();
});

describe('reviewed faces (in-app data for fine-tuning)', () => {
  it("labels each image's main face with its current signed-off emotion reading", async () => {
    const { faces, skipped } = await reviewedFaces(test.db);
    expect(faces.map((f) => [f.imageId, f.emotion])).toEqual(
      expect.arrayContaining([
        [ids['P_A/1'], 'happy'],
        [ids.B, 'angry'],
        [ids.F, 'surprise'],
        [ids.G, 'sad'],
      ]),
    );
    expect(faces).toHaveLength(4);
    expect(faces.find((f) => f.imageId === ids.G)?.landmarks).toHaveLength(68);
    expect(faces.find((f) => f.imageId === ids.B)).not.toHaveProperty('landmarks');
    expect(faces.find((f) => f.imageId === ids['P_A/1'])?.box).toEqual({
      x: 35.4,
      y: 25,
      width: 30,
      height: 40,
    });
    expect(skipped).toEqual([
      { imageId: ids.C, reviewId: expect.any(String), reason: 'its face analysis found no face' },
    ]);
  });

  it('writes 48x48 gray crops as an emotion folder and names the images it could not read', async () => {
    const out = path.join(test.dir, 'export');
    const result = await exportReviewedFaces({ db: test.db, storageDir: storageDir(), out });
    expect(result.written.map((w) => path.relative(out, w.file)).sort()).toEqual(
      [`angry/B_${ids.B}.png`, `happy/P-A-1_${ids['P_A/1']}.png`, `sad/G_${ids.G}.png`].sort(),
    );
    expect(result.written.every((w) => w.cut === 'box')).toBe(true);
    expect(result.skipped.map((s) => s.imageId).sort()).toEqual([ids.C, ids.F].sort());
    expect(result.skipped.find((s) => s.imageId === ids.F)?.reason).toMatch(
      /stored image sha256\/ab\/.* cannot be read/,
    );
    const crop = await decodeImageFile(path.join(out, 'happy', `P-A-1_${ids['P_A/1']}.png`));
    expect(crop).toMatchObject({ width: 48, height: 48, channels: 1 });
    // The box lies inside the bright square: the crop is the square's gray, not the black around it.
    expect(Math.min(...crop.data)).toBe(200);
    expect(await readdir(out)).toEqual(['angry', 'happy', 'sad']);
    const byBox = await decodeImageFile(path.join(out, 'sad', `G_${ids.G}.png`));
    expect(Math.min(...byBox.data)).toBe(0);
  });

  it("cuts a face by its eyes at the FER model's framing: its landmarks', else the box's", async () => {
    const out = path.join(test.dir, 'export-eyes');
    // Eyes 10 px apart at half the side: a 20 px square around (50, 40), inside the bright square.
    const framing = { x: 0.5, y: 0.5, distance: 0.5 };
    const result = await exportReviewedFaces({ db: test.db, storageDir: storageDir(), out, framing });
    expect(result.written.find((w) => w.imageId === ids.G)?.cut).toBe('eyes');
    // B has no landmarks: cut by the eyes its box puts there on average (TINY_FACE_DETECTOR_EYES_416).
    expect(result.written.find((w) => w.imageId === ids.B)?.cut).toBe('box-eyes');
    const byEyes = await decodeImageFile(path.join(out, 'sad', `G_${ids.G}.png`));
    expect(byEyes).toMatchObject({ width: 48, height: 48, channels: 1 });
    expect(Math.min(...byEyes.data)).toBe(200);
  });
});
