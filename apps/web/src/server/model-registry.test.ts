import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkModelArtifacts, parseRegistry, readModelRegistry } from './model-registry';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'visioncad-registry-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const entry = { name: 'fer-cnn', version: '1.0.0', task: 'fer', path: 'fer-cnn/1.0.0' };

function writeModel(weights: string[], present: string[]) {
  const modelDir = path.join(dir, 'fer-cnn', '1.0.0');
  mkdirSync(modelDir, { recursive: true });
  writeFileSync(
    path.join(modelDir, 'model.json'),
    JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: weights, weights: [] }] }),
  );
  for (const name of present) writeFileSync(path.join(modelDir, name), Buffer.alloc(4));
}

describe('parseRegistry', () => {
  it('returns the entries of a valid registry', () => {
    expect(parseRegistry({ models: [entry] })).toEqual([entry]);
  });

  it('names the entry and field that is wrong', () => {
    expect(() => parseRegistry({ models: [entry, { ...entry, version: 3 }] })).toThrow(
      'models[1].version must be a non-empty string',
    );
    expect(() => parseRegistry([entry])).toThrow('"models" array');
  });

  it('refuses paths that escape the models folder', () => {
    expect(() => parseRegistry({ models: [{ ...entry, path: '../secrets' }] })).toThrow('models[0].path');
    expect(() => parseRegistry({ models: [{ ...entry, path: '/etc/passwd' }] })).toThrow('models[0].path');
  });
});

describe('readModelRegistry', () => {
  it('reports a missing registry as absent', async () => {
    expect(await readModelRegistry(path.join(dir, 'registry.json'), 'models/registry.json')).toEqual({
      status: 'absent',
      file: 'models/registry.json',
    });
  });

  it('reports invalid JSON under the name it was given', async () => {
    writeFileSync(path.join(dir, 'registry.json'), '{ not json');
    const read = await readModelRegistry(path.join(dir, 'registry.json'), 'models/registry.json');
    expect(read.status).toBe('invalid');
    expect(read.status === 'invalid' && read.error).toMatch(/^models\/registry\.json: /);
    expect(JSON.stringify(read)).not.toContain(dir);
  });
});

describe('checkModelArtifacts', () => {
  it('is ok when model.json and every weight file exist', async () => {
    writeModel(
      ['group1-shard1of2.bin', 'group1-shard2of2.bin'],
      ['group1-shard1of2.bin', 'group1-shard2of2.bin'],
    );
    const check = await checkModelArtifacts(dir, entry);
    expect(check.ok).toBe(true);
    expect(check.modelJson).toEqual({ path: path.join('fer-cnn', '1.0.0', 'model.json'), exists: true });
    expect(check.weights).toHaveLength(2);
  });

  it('names the missing weight files', async () => {
    writeModel(['group1-shard1of2.bin', 'group1-shard2of2.bin'], ['group1-shard1of2.bin']);
    const check = await checkModelArtifacts(dir, entry);
    expect(check.ok).toBe(false);
    expect(check.error).toBe(
      `missing weight files: ${path.join('fer-cnn', '1.0.0', 'group1-shard2of2.bin')}`,
    );
  });

  it('reports a missing model.json', async () => {
    const check = await checkModelArtifacts(dir, entry);
    expect(check).toMatchObject({ ok: false, modelJson: { exists: false }, weights: [] });
    expect(check.error).toContain('model.json is missing');
  });

  it('accepts a path that names model.json itself', async () => {
    writeModel(['w.bin'], ['w.bin']);
    const check = await checkModelArtifacts(dir, { ...entry, path: 'fer-cnn/1.0.0/model.json' });
    expect(check.ok).toBe(true);
  });

  it('reports a model.json without a weights manifest', async () => {
    mkdirSync(path.join(dir, 'fer-cnn', '1.0.0'), { recursive: true });
    writeFileSync(path.join(dir, 'fer-cnn', '1.0.0', 'model.json'), '{"modelTopology":{}}');
    const check = await checkModelArtifacts(dir, entry);
    expect(check).toMatchObject({ ok: false, modelJson: { exists: true } });
    expect(check.error).toContain('has no weightsManifest array');
  });
});
