import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideDiagnosis } from '@visioncad/dermoscopy/models/classifier-calibration';
import { addCaseImage } from './case-images';
import { parseNewCase } from './case-fields';
import { createCase } from './case-records';
import { dermoscopyPng, faceSamplePath } from './analysis-fixtures.test-support';
import { readAnalysisArtifact, readImageAnalyses } from './analysis-reads';
import { requestAnalysis, retryAnalysis } from './analysis-requests';
import { runAnalysis } from './analysis-run';
import { lesionPng } from './synthetic-images.test-support';
import { createTestDatabase, type TestDatabase } from './test-database.test-support';
import type { DermoscopyOutputs, FaceOutputs } from './analysis-outputs';
import { SHIPPED_MODELS, servedModelName } from './shipped-models.test-support';

// The shipped production models (models/ is in the repository) on synthetic images.

let t: TestDatabase;
let storage: string;
let caseId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  storage = path.join(t.dir, 'storage');
  const input = parseNewCase({
    patientReference: 'PT-0100',
    bodySite: 'upper back',
    visitDate: '2026-05-04',
  });
  caseId = (await createCase(input, t.clinician, t.db)).id;
});
afterAll(() => t.cleanup());

async function upload(name: string, bytes: Uint8Array, kind: 'DERMOSCOPY' | 'FACE' = 'DERMOSCOPY') {
  return (await addCaseImage(caseId, kind, { name, bytes }, t.clinician, t.db, storage)).image;
}

/** The case's stored model verdict (Case.modelVerdict). */
async function caseVerdict(): Promise<string | null> {
  return (await t.db.case.findUniqueOrThrow({ where: { id: caseId } })).modelVerdict;
}

async function analyse(imageId: string, pxPerMm: number | null = null, modelsDir = SHIPPED_MODELS) {
  const queued = await requestAnalysis(imageId, { pxPerMm }, t.clinician, { db: t.db, modelsDir });
  expect(queued.status).toBe('PENDING');
  const status = await runAnalysis(queued.id, { db: t.db, storageDir: storage, modelsDir });
  return { status, row: await t.db.analysis.findUniqueOrThrow({ where: { id: queued.id } }) };
}

describe('dermoscopy analysis with the production models', () => {
  it('segments the lesion, scores ABCD and the diagnoses, and stores the mask and heat map as PNGs', async () => {
    const width = 384;
    const height = 280;
    const image = await upload('lesion.png', await dermoscopyPng(width, height));
    const { status, row } = await analyse(image.id, 20);
    expect(row.error).toBeNull();
    expect(status).toBe('SUCCEEDED');
    const outputs = row.outputs as unknown as DermoscopyOutputs;
    expect(outputs.models.classifier.name).toBe(servedModelName('lesion-classification'));
    // The case records a body site, so the diagnosis is the classifier's fusion with the clinical
    // metadata (metadata-fusion.json), decided by the fusion's rule.
    const fusion = JSON.parse(
      readFileSync(
        path.join(SHIPPED_MODELS, servedModelName('lesion-classification'), 'metadata-fusion.json'),
        'utf8',
      ),
    ) as { decisionOffsets: number[] | null };
    expect(outputs.decisionRule).toBe('clinical-metadata-fusion');
    expect(outputs.clinicalMetadata).toEqual({ ageYears: null, sex: null, site: 'back' });
    const decided = decideDiagnosis(
      outputs.probabilities.map((p) => p.probability),
      fusion.decisionOffsets,
    );
    expect(outputs.topLabel).toBe(outputs.probabilities[decided].label);
    expect(outputs.imageOnly!.probabilities.map((p) => p.label)).toEqual(
      outputs.probabilities.map((p) => p.label),
    );
    expect(outputs.models.segmentation.name).toBe('lesion-segmentation-unet');
    expect(outputs.analysedSize).toEqual({ width, height });

    // The synthetic blob covers about π·(0.24·280)² ≈ 14,000 px; the mask must be of that order.
    expect(outputs.lesionAreaPx).toBeGreaterThan(6_000);
    expect(outputs.lesionAreaPx).toBeLessThan(40_000);
    const abcd = outputs.abcd!;
    expect(abcd.asymmetry).toBeGreaterThanOrEqual(0);
    expect(abcd.asymmetry).toBeLessThanOrEqual(2);
    expect(abcd.border).toBeGreaterThanOrEqual(0);
    expect(abcd.border).toBeLessThanOrEqual(8);
    expect(abcd.colours).toBeGreaterThanOrEqual(1);
    expect(abcd.colours).toBeLessThanOrEqual(6);
    expect(abcd.structures).toBeGreaterThanOrEqual(1);
    expect(abcd.structures).toBeLessThanOrEqual(5);
    expect(abcd.tds).toBeCloseTo(
      1.3 * abcd.asymmetry + 0.1 * abcd.border + 0.5 * abcd.colours + 0.5 * abcd.structures,
      1,
    );
    expect(abcd.diameterMm).toBeCloseTo(abcd.diameterPx / 20, 1);

    const sum = outputs.probabilities.reduce((s, p) => s + p.probability, 0);
    expect(sum).toBeCloseTo(1, 2);

    const mask = await readAnalysisArtifact(row.id, 'mask', t.clinician, t.db, storage);
    const { data, info } = await sharp(mask.bytes).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([width, height]);
    const at = (x: number, y: number) => data[(y * info.width + x) * info.channels];
    expect(at(width / 2, height / 2)).toBe(255);
    expect(at(5, 5)).toBe(0);
    const overlay = await sharp(
      (await readAnalysisArtifact(row.id, 'mask-overlay', t.clinician, t.db, storage)).bytes,
    ).metadata();
    expect([overlay.width, overlay.height, overlay.channels]).toEqual([width, height, 4]);
    const heat = await sharp(
      (await readAnalysisArtifact(row.id, 'heat-map', t.clinician, t.db, storage)).bytes,
    ).metadata();
    expect([heat.width, heat.height, heat.channels]).toEqual([width, height, 4]);

    for (const stage of [
      'decoding',
      'preprocessing',
      'segmentation',
      'abcd',
      'classification',
      'heatMap',
      'total',
    ]) {
      expect((row.timings as Record<string, number>)[stage]).toBeGreaterThanOrEqual(0);
    }
    expect((await t.db.case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe('ANALYZED');
    // The case's verdict is this latest result's top diagnosis, written with it.
    expect(await caseVerdict()).toBe(outputs.topLabel);
    expect(await t.db.auditLog.count({ where: { action: 'analysis.succeed', targetId: row.id } })).toBe(1);
  });

  it('fuses the case’s age, sex and site into the diagnosis, and uses the image alone without them', async () => {
    const bytes = await dermoscopyPng(320, 240);
    const caseWith = async (fields: Record<string, string>) =>
      (
        await createCase(
          parseNewCase({ patientReference: 'PT-0101', visitDate: '2026-05-04', ...fields }),
          t.clinician,
          t.db,
        )
      ).id;
    const run = async (id: string) => {
      const image = (
        await addCaseImage(id, 'DERMOSCOPY', { name: 'l.png', bytes }, t.clinician, t.db, storage)
      ).image;
      return (await analyse(image.id)).row.outputs as unknown as DermoscopyOutputs;
    };
    const old = await run(await caseWith({ bodySite: 'face', patientAgeYears: '82', patientSex: 'male' }));
    const young = await run(
      await caseWith({ bodySite: 'right thigh', patientAgeYears: '24', patientSex: 'female' }),
    );
    const none = await run(await caseWith({ bodySite: 'other' }));
    expect(old.clinicalMetadata).toEqual({ ageYears: 82, sex: 'male', site: 'face' });
    expect(young.clinicalMetadata).toEqual({ ageYears: 24, sex: 'female', site: 'lower extremity' });
    // The same image: the image-only probabilities agree, the fused ones follow the metadata
    // (HAM10000: actinic keratoses and BCC on old faces, naevi on young legs).
    expect(old.imageOnly!.probabilities).toEqual(young.imageOnly!.probabilities);
    const p = (o: DermoscopyOutputs, label: string) =>
      o.probabilities.find((x) => x.label === label)!.probability;
    expect(p(old, 'akiec') + p(old, 'bcc')).toBeGreaterThan(p(young, 'akiec') + p(young, 'bcc'));
    expect(p(young, 'nv')).toBeGreaterThan(p(old, 'nv'));
    // Nothing the fusion can use: the classifier's own diagnosis.
    expect(none.decisionRule).not.toBe('clinical-metadata-fusion');
    expect(none.imageOnly).toBeNull();
    expect(none.clinicalMetadata).toBeNull();
    expect(none.probabilities).toEqual(old.imageOnly!.probabilities);
  });

  it('analyses a large upload scaled down and reports measurements in the upload’s pixels', async () => {
    const small = await analyse((await upload('small.png', await dermoscopyPng(512, 384))).id);
    const large = await analyse((await upload('large.png', await dermoscopyPng(2048, 1536))).id);
    const a = small.row.outputs as unknown as DermoscopyOutputs;
    const b = large.row.outputs as unknown as DermoscopyOutputs;
    expect(b.analysedSize).toEqual({ width: 1024, height: 768 });
    // Four times the pixels across: the diameter is about four times the small one's.
    expect(b.abcd!.diameterPx / a.abcd!.diameterPx).toBeGreaterThan(3.4);
    expect(b.abcd!.diameterPx / a.abcd!.diameterPx).toBeLessThan(4.6);
  });
});

describe('face analysis', () => {
  it('finds the three faces of face-api’s sample photo and gives each seven emotion probabilities', async () => {
    const bytes = readFileSync(faceSamplePath());
    const image = await upload('sample1.jpg', bytes, 'FACE');
    const { status, row } = await analyse(image.id);
    expect(row.error).toBeNull();
    expect(status).toBe('SUCCEEDED');
    const outputs = row.outputs as unknown as FaceOutputs;
    expect(outputs.models.classifier.name).toBe(servedModelName('fer'));
    expect(outputs.faces).toHaveLength(3);
    for (const face of outputs.faces) {
      expect(face.box.x).toBeGreaterThanOrEqual(0);
      expect(face.box.x + face.box.width).toBeLessThanOrEqual(image.width + 1);
      expect(face.box.y + face.box.height).toBeLessThanOrEqual(image.height + 1);
      // The photo is 1920 px wide and its faces about 300 px: boxes are in the upload's pixels.
      expect(face.box.width).toBeGreaterThan(200);
      expect(face.probabilities.map((p) => p.label)).toEqual([
        'angry',
        'disgust',
        'fear',
        'happy',
        'sad',
        'surprise',
        'neutral',
      ]);
      expect(face.probabilities.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(1, 2);
      // Its 68 landmarks, in the upload's pixels like the box (the export of reviewed faces cuts by them).
      expect(face.landmarks).toHaveLength(68);
      for (const p of face.landmarks!) {
        expect(p.x).toBeGreaterThan(face.box.x - 0.5 * face.box.width);
        expect(p.x).toBeLessThan(face.box.x + 1.5 * face.box.width);
      }
      // The registered posed-expression SVM reads the same crop: CK+'s classes, contempt included.
      const posed = face.posed!;
      expect(posed.probabilities.map((p) => p.label)).toEqual([
        'angry',
        'contempt',
        'disgust',
        'fear',
        'happy',
        'sad',
        'surprise',
      ]);
      expect(posed.probabilities.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(1, 2);
      expect(posed.probabilities.map((p) => p.label)).toContain(posed.topLabel);
    }
    expect(outputs.models.posed?.name).toBe(servedModelName('fer-posed'));
    expect((row.timings as Record<string, number>).posedExpression).toBeGreaterThan(0);
    // The case's verdict follows its latest analysis: the main (first, largest) face's emotion.
    expect(await caseVerdict()).toBe(outputs.faces[0].topLabel);
  });

  it('reports no faces for a picture without any', async () => {
    const { status, row } = await analyse((await upload('skin.png', await lesionPng(160, 120), 'FACE')).id);
    expect(status).toBe('SUCCEEDED');
    expect((row.outputs as unknown as FaceOutputs).faces).toEqual([]);
    expect(await caseVerdict()).toBe('no-face');
  });
});

describe('a failed analysis', () => {
  it('records a readable error, keeps the image and case, and succeeds on retry once the models are back', async () => {
    // A models folder whose registry lacks the segmentation network.
    const broken = path.join(t.dir, 'broken-models');
    mkdirSync(broken, { recursive: true });
    cpSync(
      path.join(SHIPPED_MODELS, 'lesion-classifier-resnet'),
      path.join(broken, 'lesion-classifier-resnet'),
      {
        recursive: true,
      },
    );
    writeFileSync(
      path.join(broken, 'registry.json'),
      JSON.stringify({ tasks: { 'lesion-classification': { model: 'lesion-classifier-resnet' } } }),
    );
    const image = await upload('kept.png', await dermoscopyPng(256, 192));
    const { status, row } = await analyse(image.id, null, broken);
    expect(status).toBe('FAILED');
    expect(row.error).toMatch(/no production model for "lesion-segmentation"/);
    // A failure leaves the verdict of the last analysis that succeeded.
    expect(await caseVerdict()).toBe('no-face');
    expect(await t.db.image.findUnique({ where: { id: image.id } })).not.toBeNull();
    expect(readFileSync(path.join(storage, ...image.storageKey.split('/'))).length).toBe(image.byteSize);

    const retried = await retryAnalysis(row.id, t.clinician, { db: t.db, modelsDir: SHIPPED_MODELS });
    expect(retried.id).not.toBe(row.id);
    expect(await runAnalysis(retried.id, { db: t.db, storageDir: storage, modelsDir: SHIPPED_MODELS })).toBe(
      'SUCCEEDED',
    );
    const history = await readImageAnalyses(image.id, t.clinician, t.db);
    expect(history.analyses.map((a) => a.status)).toEqual(['SUCCEEDED', 'FAILED']);
    const retriedRow = await t.db.analysis.findUniqueOrThrow({ where: { id: retried.id } });
    expect(await caseVerdict()).toBe((retriedRow.outputs as unknown as DermoscopyOutputs).topLabel);
    expect(history.analyses[0].artifacts).toEqual({
      mask: `/api/analyses/${retried.id}/artifacts/mask`,
      'mask-overlay': `/api/analyses/${retried.id}/artifacts/mask-overlay`,
      'heat-map': `/api/analyses/${retried.id}/artifacts/heat-map`,
    });
    expect(await t.db.auditLog.count({ where: { action: 'analysis.retry' } })).toBe(1);
  });

  it('fails with the decoder’s message when the stored file is damaged', async () => {
    const image = await upload('damaged.png', await dermoscopyPng(128, 96));
    const file = path.join(storage, ...image.storageKey.split('/'));
    writeFileSync(file, readFileSync(file).subarray(0, 200));
    const before = await caseVerdict();
    const { status, row } = await analyse(image.id);
    expect(status).toBe('FAILED');
    expect(row.error).toMatch(/damaged\.png/);
    expect(await caseVerdict()).toBe(before);
    expect(before).not.toBeNull();
  });
});
