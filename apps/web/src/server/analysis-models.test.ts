import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveRepoRoot } from '@visioncad/db/repo-root';
import { MissingModelError, productionModel } from './analysis-models';

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
