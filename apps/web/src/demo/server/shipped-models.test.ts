import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoModelFile, readDemoModels } from './shipped-models';

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

describe('demoModelFile', () => {
  it('serves model.json and listed weights of registered demo models only', async () => {
    expect(await demoModelFile('fer-test', 'model.json', dir)).toBe(path.join(dir, 'fer-test', 'model.json'));
    expect(await demoModelFile('fer-test', 'group1-shard1of1.bin', dir)).toBe(
      path.join(dir, 'fer-test', 'group1-shard1of1.bin'),
    );
    expect(await demoModelFile('fer-test', 'card.json', dir)).toBeNull();
    expect(await demoModelFile('fer-test', '../registry.json', dir)).toBeNull();
    expect(await demoModelFile('private-model', 'model.json', dir)).toBeNull();
  });
});
