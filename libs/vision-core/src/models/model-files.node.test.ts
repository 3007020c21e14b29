import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModelRegistry, setDefaultModel, readModelCard } from './model-files.node.js';

describe('model files on disk', () => {
  it('creates the registry on first use and keeps other tasks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'models-'));
    expect(await readModelRegistry(dir)).toEqual({ tasks: {} });
    await setDefaultModel(dir, 'fer', { model: 'fer-a' });
    await setDefaultModel(dir, 'melanoma', { model: 'mel-b', note: 'AUC 0.9' });
    await setDefaultModel(dir, 'fer', { model: 'fer-c' });
    const saved = JSON.parse(await readFile(join(dir, 'registry.json'), 'utf8'));
    expect(saved.tasks).toEqual({ fer: { model: 'fer-c' }, melanoma: { model: 'mel-b', note: 'AUC 0.9' } });
  });

  it('reports a corrupt card with its path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'card-'));
    await writeFile(join(dir, 'card.json'), '{"name": ');
    await expect(readModelCard(dir)).rejects.toThrow(`model card ${join(dir, 'card.json')} is not valid JSON`);
    await expect(readModelCard(join(dir, 'missing'))).rejects.toThrow('cannot be read (ENOENT)');
  });
});
