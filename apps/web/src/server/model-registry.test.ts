import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkModelArtifacts, readModelRegistry } from './model-registry';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'visioncad-registry-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const CARD = {
  name: 'fer-cnn',
  version: '1.0.0',
  task: 'fer',
  architecture: 'fer-cnn-000',
  command: 'npm run trainer -- train fer',
  createdAt: '2026-11-24T00:00:00Z',
  labels: ['angry', 'happy'],
  input: { width: 48, height: 48, channels: 1, preprocessing: [] },
  seed: 1,
  metrics: {},
  data: {},
  limits: [],
};

function writeModel(weights: string[], present: string[], card: unknown = CARD) {
  const modelDir = path.join(dir, 'fer-cnn-v1');
  mkdirSync(modelDir, { recursive: true });
  writeFileSync(
    path.join(modelDir, 'model.json'),
    JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: weights, weights: [] }] }),
  );
  for (const name of present) writeFileSync(path.join(modelDir, name), Buffer.alloc(4));
  if (card !== null) writeFileSync(path.join(modelDir, 'card.json'), JSON.stringify(card));
}

describe('readModelRegistry', () => {
  it('reports a missing registry as absent', async () => {
    expect(await readModelRegistry(path.join(dir, 'registry.json'), 'models/registry.json')).toEqual({
      status: 'absent',
      file: 'models/registry.json',
    });
  });

  it('parses the trainer registry format', async () => {
    writeFileSync(
      path.join(dir, 'registry.json'),
      JSON.stringify({ tasks: { fer: { model: 'fer-cnn-v1' } } }),
    );
    const read = await readModelRegistry(path.join(dir, 'registry.json'), 'models/registry.json');
    expect(read).toEqual({
      status: 'ok',
      file: 'models/registry.json',
      registry: { tasks: { fer: { model: 'fer-cnn-v1' } } },
    });
  });

  it('reports invalid JSON and bad entries under the name it was given', async () => {
    const file = path.join(dir, 'registry.json');
    writeFileSync(file, '{ not json');
    expect(await readModelRegistry(file, 'models/registry.json')).toEqual({
      status: 'invalid',
      file: 'models/registry.json',
      error: 'models/registry.json is not valid JSON',
    });
    writeFileSync(file, JSON.stringify({ tasks: { fer: { model: '../outside' } } }));
    const read = await readModelRegistry(file, 'models/registry.json');
    expect(read.status === 'invalid' && read.error).toContain('task "fer"');
    expect(JSON.stringify(read)).not.toContain(dir);
  });
});

describe('checkModelArtifacts', () => {
  it('is ok when model.json and every weight file exist, and reads the card', async () => {
    writeModel(
      ['group1-shard1of2.bin', 'group1-shard2of2.bin'],
      ['group1-shard1of2.bin', 'group1-shard2of2.bin'],
    );
    const check = await checkModelArtifacts(dir, 'fer', { model: 'fer-cnn-v1', note: 'best on FER2013' });
    expect(check).toMatchObject({
      task: 'fer',
      model: 'fer-cnn-v1',
      note: 'best on FER2013',
      card: { name: 'fer-cnn', version: '1.0.0', architecture: 'fer-cnn-000' },
      modelJson: { path: path.join('fer-cnn-v1', 'model.json'), exists: true },
      ok: true,
    });
    expect(check.weights).toHaveLength(2);
  });

  it('names the missing weight files', async () => {
    writeModel(['group1-shard1of2.bin', 'group1-shard2of2.bin'], ['group1-shard1of2.bin']);
    const check = await checkModelArtifacts(dir, 'fer', { model: 'fer-cnn-v1' });
    expect(check.ok).toBe(false);
    expect(check.error).toBe(`missing weight files: ${path.join('fer-cnn-v1', 'group1-shard2of2.bin')}`);
  });

  it('reports a missing model directory', async () => {
    const check = await checkModelArtifacts(dir, 'fer', { model: 'fer-cnn-v1' });
    expect(check).toMatchObject({ ok: false, modelJson: { exists: false }, weights: [], card: null });
    expect(check.error).toBe(`${path.join('fer-cnn-v1', 'model.json')} is missing`);
  });

  it('reports a missing or invalid card without failing the artifact check', async () => {
    writeModel(['w.bin'], ['w.bin'], null);
    expect(await checkModelArtifacts(dir, 'fer', { model: 'fer-cnn-v1' })).toMatchObject({
      ok: true,
      card: null,
      cardError: `${path.join('fer-cnn-v1', 'card.json')} is missing`,
    });
    writeModel(['w.bin'], ['w.bin'], { ...CARD, labels: [] });
    const check = await checkModelArtifacts(dir, 'fer', { model: 'fer-cnn-v1' });
    expect(check.card).toBeNull();
    expect(check.cardError).toContain('"labels"');
  });

  it('reports a model.json without a weights manifest', async () => {
    mkdirSync(path.join(dir, 'fer-cnn-v1'), { recursive: true });
    writeFileSync(path.join(dir, 'fer-cnn-v1', 'model.json'), '{"modelTopology":{}}');
    const check = await checkModelArtifacts(dir, 'fer', { model: 'fer-cnn-v1' });
    expect(check).toMatchObject({ ok: false, modelJson: { exists: true } });
    expect(check.error).toContain('has no weightsManifest array');
  });

  it('checks a FER SVM: its svm.json, then the feature CNN it names in a sibling directory', async () => {
    const svmDir = path.join(dir, 'fer-svm');
    mkdirSync(svmDir, { recursive: true });
    const svm = (features: unknown) =>
      writeFileSync(path.join(svmDir, 'svm.json'), JSON.stringify({ format: 'visioncad-fer-svm', features }));
    svm({ hog: {}, cnn: { model: '../fer-cnn-v1', layers: ['fc'], flip: true } });
    writeModel(['w1.bin', 'w2.bin'], ['w1.bin']);
    const entry = { model: 'fer-svm' };
    const missing = await checkModelArtifacts(dir, 'fer-posed', entry);
    expect(missing).toMatchObject({
      ok: false,
      svmJson: { path: path.join('fer-svm', 'svm.json'), exists: true },
      modelJson: { path: path.join('fer-cnn-v1', 'model.json'), exists: true },
    });
    expect(missing.error).toBe(`missing weight files: ${path.join('fer-cnn-v1', 'w2.bin')}`);
    writeModel(['w1.bin'], ['w1.bin']);
    expect(await checkModelArtifacts(dir, 'fer-posed', entry)).toMatchObject({
      ok: true,
      weights: [{ exists: true }],
    });

    svm({ hog: {} });
    expect(await checkModelArtifacts(dir, 'fer-posed', entry)).toMatchObject({ ok: true, modelJson: null });
    svm({ hog: {}, cnn: { model: '../../elsewhere', layers: ['fc'], flip: false } });
    expect((await checkModelArtifacts(dir, 'fer-posed', entry)).error).toBe(
      `${path.join('fer-svm', 'svm.json')} names a feature CNN outside the models folder`,
    );
    writeFileSync(path.join(svmDir, 'svm.json'), '{"format": "libsvm"}');
    expect((await checkModelArtifacts(dir, 'fer-posed', entry)).error).toBe(
      `${path.join('fer-svm', 'svm.json')}: "format" must be "visioncad-fer-svm", got "libsvm"`,
    );
    writeFileSync(path.join(svmDir, 'svm.json'), '{');
    expect((await checkModelArtifacts(dir, 'fer-posed', entry)).error).toMatch(
      new RegExp(`^${path.join('fer-svm', 'svm.json')}: cannot read the SVM model`),
    );
  });
});
