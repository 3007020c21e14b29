import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoModelFile, readDemoModels, readDemoPosedModel } from './shipped-models';

const CARD = {
  name: 'fer-test',
  version: '2026-01-01',
  task: 'fer',
  architecture: 'tiny CNN',
  labels: ['angry', 'happy'],
  input: { width: 48, height: 48, channels: 1, preprocessing: [] },
  data: { dataset: 'FER2013', split: 'PublicTest', trainSize: 1, testSize: 1 },
  command: 'npm run trainer',
  seed: 0,
  metrics: {
    'FER2013 PublicTest': { accuracy: 0.5, macroF1: 0.4, note: 'x' },
    'calibration only': { ece: 0.1 },
  },
  limits: ['small'],
  training: { epochs: 1, backend: 'wasm', durationSeconds: 1, parameters: 1, optimizer: 'adam' },
  weights: { quantization: 'uint8', bytes: 4 },
  createdAt: '2026-01-01T00:00:00Z',
};

let dir: string;

function writeModel(name: string, card: object, shards = ['group1-shard1of1.bin']) {
  mkdirSync(path.join(dir, name), { recursive: true });
  writeFileSync(path.join(dir, name, 'card.json'), JSON.stringify(card));
  writeFileSync(path.join(dir, name, 'model.json'), JSON.stringify({ weightsManifest: [{ paths: shards }] }));
  for (const shard of shards) writeFileSync(path.join(dir, name, shard), Buffer.alloc(4));
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'demo-models-'));
  writeModel('fer-test', CARD);
  writeModel('private-model', { ...CARD, name: 'private-model' });
  writeFileSync(
    path.join(dir, 'registry.json'),
    JSON.stringify({
      tasks: { fer: { model: 'fer-test' }, 'lesion-segmentation': { model: 'missing-dir' } },
    }),
  );
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readDemoModels', () => {
  it('describes each demo task from its card, or says why it cannot be offered', async () => {
    const models = await readDemoModels(dir);
    expect(models.fer).toEqual({
      ok: true,
      info: expect.objectContaining({
        model: 'fer-test',
        version: '2026-01-01',
        quantization: 'uint8',
        metrics: [
          {
            set: 'FER2013 PublicTest',
            figures: [
              { name: 'accuracy', value: 0.5 },
              { name: 'macroF1', value: 0.4 },
            ],
          },
        ],
        modelUrl: '/demo-assets/models/fer-test/model.json?v=2026-01-01',
        temperature: null,
        decisionOffsets: null,
        metadataFusion: null,
        noveltyUrl: null,
      }),
    });
    if (models.fer.ok) expect(models.fer.info.downloadBytes).toBeGreaterThan(4);
    expect(models['lesion-segmentation']).toEqual({
      ok: false,
      error: expect.stringContaining('models/missing-dir/card.json'),
    });
    expect(models['lesion-classification']).toEqual({
      ok: false,
      error: 'models/registry.json has no model for "lesion-classification"',
    });
  });

  it('names a card written for another task', async () => {
    writeModel('fer-test', { ...CARD, task: 'lesion-classification' });
    const models = await readDemoModels(dir);
    expect(models.fer).toEqual({
      ok: false,
      error: expect.stringContaining('is for task "lesion-classification"'),
    });
  });
});

describe('novelty.json of a classifier', () => {
  it('is checked, linked and served beside the model; a broken one is reported', async () => {
    const novelty = {
      format: 'visioncad-image-novelty',
      version: 1,
      layer: 'features',
      gaussian: { dimension: 1, mean: [0], cholesky: [1], shrinkage: 0.01 },
      threshold: 2,
      quantile: 0.95,
      fittedOn: 'test',
    };
    writeFileSync(path.join(dir, 'fer-test', 'novelty.json'), JSON.stringify(novelty));
    const models = await readDemoModels(dir);
    expect(models.fer.ok && models.fer.info.noveltyUrl).toBe(
      '/demo-assets/models/fer-test/novelty.json?v=2026-01-01',
    );
    expect(await demoModelFile('fer-test', 'novelty.json', dir)).toBe(
      path.join(dir, 'fer-test', 'novelty.json'),
    );
    writeFileSync(path.join(dir, 'fer-test', 'novelty.json'), JSON.stringify({ ...novelty, threshold: 0 }));
    expect((await readDemoModels(dir)).fer).toEqual({
      ok: false,
      error: expect.stringContaining('models/fer-test/novelty.json: "threshold" must be a positive number'),
    });
  });
});

describe('demoModelFile', () => {
  it('serves model.json and listed weights of registered demo models only', async () => {
    expect(await demoModelFile('fer-test', 'model.json', dir)).toBe(path.join(dir, 'fer-test', 'model.json'));
    expect(await demoModelFile('fer-test', 'group1-shard1of1.bin', dir)).toBe(
      path.join(dir, 'fer-test', 'group1-shard1of1.bin'),
    );
    expect(await demoModelFile('fer-test', 'card.json', dir)).toBeNull();
    expect(await demoModelFile('fer-test', 'novelty.json', dir)).toBeNull();
    expect(await demoModelFile('fer-test', '../registry.json', dir)).toBeNull();
    expect(await demoModelFile('private-model', 'model.json', dir)).toBeNull();
  });
});

describe('the posed-expression SVM (fer-posed)', () => {
  function writePosed(cnn: string | null) {
    mkdirSync(path.join(dir, 'svm-test'), { recursive: true });
    writeFileSync(
      path.join(dir, 'svm-test', 'card.json'),
      JSON.stringify({
        ...CARD,
        name: 'svm-test',
        architecture: 'linear SVM',
        labels: ['anger', 'contempt'],
        metrics: { 'CK+48 subject-wise 10-fold': { accuracy: 0.95 } },
      }),
    );
    writeFileSync(
      path.join(dir, 'svm-test', 'svm.json'),
      JSON.stringify({
        format: 'visioncad-fer-svm',
        version: 1,
        classes: ['anger', 'contempt'],
        faceSize: 48,
        features: {
          hog: null,
          lbp: null,
          landmarks: false,
          ...(cnn ? { cnn: { model: cnn, layers: ['x'] } } : {}),
        },
      }),
    );
    writeFileSync(
      path.join(dir, 'registry.json'),
      JSON.stringify({ tasks: { fer: { model: 'fer-test' }, 'fer-posed': { model: 'svm-test' } } }),
    );
  }

  it('is null when the registry names none', async () => {
    expect(await readDemoPosedModel(dir)).toBeNull();
  });

  it('describes the SVM and its feature CNN, and serves svm.json and that CNN only', async () => {
    writePosed('../private-model');
    const posed = await readDemoPosedModel(dir);
    expect(posed).toEqual({
      ok: true,
      info: expect.objectContaining({
        model: 'svm-test',
        labels: ['anger', 'contempt'],
        faceSize: 48,
        metrics: [{ set: 'CK+48 subject-wise 10-fold', figures: [{ name: 'accuracy', value: 0.95 }] }],
        svmUrl: '/demo-assets/models/svm-test/svm.json?v=2026-01-01',
        cnnUrl: '/demo-assets/models/private-model/model.json?v=2026-01-01',
      }),
    });
    // svm.json plus the CNN's model.json and 4-byte shard.
    if (posed?.ok) expect(posed.info.downloadBytes).toBeGreaterThan(100);
    expect(await demoModelFile('svm-test', 'svm.json', dir)).toBe(path.join(dir, 'svm-test', 'svm.json'));
    expect(await demoModelFile('svm-test', 'card.json', dir)).toBeNull();
    expect(await demoModelFile('private-model', 'model.json', dir)).toBe(
      path.join(dir, 'private-model', 'model.json'),
    );
    expect(await demoModelFile('private-model', 'group1-shard1of1.bin', dir)).toBe(
      path.join(dir, 'private-model', 'group1-shard1of1.bin'),
    );
    expect(await demoModelFile('private-model', 'card.json', dir)).toBeNull();
  });

  it('says why it cannot be offered: a CNN outside models/, a missing CNN folder', async () => {
    writePosed('../../elsewhere');
    expect(await readDemoPosedModel(dir)).toEqual({
      ok: false,
      error: expect.stringContaining('svm.json names its feature CNN outside models/ (../../elsewhere)'),
    });
    writePosed('../gone');
    expect(await readDemoPosedModel(dir)).toEqual({
      ok: false,
      error: expect.stringContaining('cannot read models/gone/model.json'),
    });
    writePosed(null);
    expect(await readDemoPosedModel(dir)).toEqual({
      ok: true,
      info: expect.objectContaining({ cnnUrl: null }),
    });
  });
});
