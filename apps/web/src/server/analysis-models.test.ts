import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveRepoRoot } from '@visioncad/db/repo-root';
import { faceModels, MissingModelError, productionModel } from './analysis-models';

// Cards only (productionModel loads no weights): two shipped FER cards copied into a scratch models folder.
const SHIPPED = path.join(resolveRepoRoot(), 'models');
let dir: string;

function registry(tasks: Record<string, { model: string }>): void {
  writeFileSync(path.join(dir, 'registry.json'), JSON.stringify({ tasks }));
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'visioncad-models-'));
  for (const model of ['fer-seed000', 'fer-ensemble-2cnn-flip4']) {
    cpSync(path.join(SHIPPED, model, 'card.json'), path.join(dir, model, 'card.json'));
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('productionModel', () => {
  it("serves a task with the registry's single model when no ensemble is registered", async () => {
    registry({ fer: { model: 'fer-seed000' } });
    const served = await productionModel('fer', dir);
    expect(served).toMatchObject({ task: 'fer', registryKey: 'fer', model: 'fer-seed000' });
    expect(served.card.name).toBe('fer-seed000');
  });

  it('serves a task with its ensemble when the registry names one', async () => {
    registry({ fer: { model: 'fer-seed000' }, 'fer-ensemble': { model: 'fer-ensemble-2cnn-flip4' } });
    const served = await productionModel('fer', dir);
    expect(served).toMatchObject({
      task: 'fer',
      registryKey: 'fer-ensemble',
      model: 'fer-ensemble-2cnn-flip4',
    });
    expect(served.dir).toBe(path.join(dir, 'fer-ensemble-2cnn-flip4'));
  });

  it('names the registry entry whose card is missing', async () => {
    registry({ fer: { model: 'fer-seed000' }, 'fer-ensemble': { model: 'fer-gone' } });
    await expect(productionModel('fer', dir)).rejects.toThrow(
      /"fer-ensemble" model fer-gone has no usable card/,
    );
    registry({});
    await expect(productionModel('fer', dir)).rejects.toThrow(MissingModelError);
  });
});

describe('faceModels', () => {
  it('loads the fer-posed SVM with its feature CNN, and names the CNN when it is missing', async () => {
    for (const model of ['fer-seed000', 'fer-svm-ckplus']) {
      cpSync(path.join(SHIPPED, model), path.join(dir, model), { recursive: true });
    }
    registry({ fer: { model: 'fer-seed000' }, 'fer-posed': { model: 'fer-svm-ckplus' } });
    const error = await faceModels(dir).catch((e: Error) => e);
    expect(error).toBeInstanceOf(MissingModelError);
    expect((error as Error).message).toMatch(
      /^the fer-posed model fer-svm-ckplus cannot be loaded: cannot read model .*fer-seed000-e32-flip\/model\.json/,
    );
    // The failure is not cached: with the CNN in place the same folder loads.
    cpSync(path.join(SHIPPED, 'fer-seed000-e32-flip'), path.join(dir, 'fer-seed000-e32-flip'), {
      recursive: true,
    });
    const loaded = await faceModels(dir);
    expect(loaded.card.name).toBe('fer-seed000');
    expect(loaded.posed?.card.name).toBe('fer-svm-ckplus');
    expect(loaded.posed?.classifier.classes).toContain('contempt');
  }, 120_000);

  it('runs without a second reading when the registry names no fer-posed model', async () => {
    cpSync(path.join(SHIPPED, 'fer-seed000'), path.join(dir, 'fer-seed000'), { recursive: true });
    registry({ fer: { model: 'fer-seed000' } });
    expect((await faceModels(dir)).posed).toBeUndefined();
  }, 120_000);
});
