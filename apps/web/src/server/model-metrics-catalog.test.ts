import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveRepoRoot } from '@visioncad/db/repo-root';
import { readModelCardEntry, readModelCatalog } from './model-metrics-catalog';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function modelsDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'visioncad-catalog-'));
  dirs.push(dir);
  return dir;
}

function card(name: string, metrics: unknown) {
  return {
    name,
    version: '1.0.0',
    task: 'lesion-classification',
    architecture: 'tiny',
    labels: ['mel', 'nv'],
    input: { width: 8, height: 8, channels: 3, preprocessing: [] },
    data: { dataset: 'synthetic', split: 'none', trainSize: 1, testSize: 1 },
    command: 'none',
    seed: 0,
    metrics,
    limits: [],
    training: { epochs: 0, backend: 'none', durationSeconds: 0, parameters: 0, optimizer: 'none' },
    weights: { quantization: 'none', bytes: 0 },
    createdAt: '2026-01-01T00:00:00Z',
  };
}

function write(dir: string, file: string, value: unknown): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), typeof value === 'string' ? value : JSON.stringify(value));
}

describe('readModelCatalog', () => {
  it('lists every folder with a card, marks registry defaults and reports unreadable cards', async () => {
    const dir = modelsDir();
    write(dir, 'registry.json', {
      tasks: { 'lesion-classification': { model: 'b-model' }, fer: { model: 'gone' } },
    });
    write(dir, 'a-model/card.json', card('a-model', { t: { dice: 0.9, n: 3 } }));
    write(dir, 'b-model/card.json', card('b-model', {}));
    write(dir, 'c-broken/card.json', '{ not json');
    mkdirSync(path.join(dir, 'no-card'));

    const { registry, models } = await readModelCatalog(dir);
    expect(registry.status).toBe('ok');
    expect(models.map((m) => [m.folder, m.defaultFor, m.card?.name ?? m.cardError])).toEqual([
      ['a-model', [], 'a-model'],
      ['b-model', ['lesion-classification'], 'b-model'],
      ['c-broken', [], '$VISIONCAD_MODELS_DIR/c-broken/card.json is not valid JSON'],
      ['gone', ['fer'], '$VISIONCAD_MODELS_DIR/gone/card.json cannot be read (ENOENT)'],
    ]);
    expect(models[0].evaluations[0]).toMatchObject({ kind: 'segmentation', n: 3 });
  });

  it('finds one folder by name and refuses names that are not folder names', async () => {
    const dir = modelsDir();
    write(dir, 'a-model/card.json', card('a-model', {}));
    expect((await readModelCardEntry('a-model', dir))?.card?.name).toBe('a-model');
    expect(await readModelCardEntry('missing', dir)).toBeNull();
    expect(await readModelCardEntry('../a-model', dir)).toBeNull();
  });

  it('reads every shipped card in the repository without problems', async () => {
    const { models } = await readModelCatalog(path.join(resolveRepoRoot(), 'models'));
    expect(models.length).toBeGreaterThan(0);
    for (const model of models) {
      expect(model.cardError, model.folder).toBeUndefined();
      expect(model.problems, model.folder).toEqual([]);
      expect(model.evaluations.length, model.folder).toBeGreaterThan(0);
    }
  });
});
