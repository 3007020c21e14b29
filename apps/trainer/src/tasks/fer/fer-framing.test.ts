import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FER2013_CLASSES } from '@visioncad/fer';
import { writeGrayImage } from '@visioncad/fer/node/synthetic-images.test-support';
import { selectBackend } from '@visioncad/vision-core/backend-node';
import { readModelCard, writeModelCard } from '@visioncad/vision-core/models-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { testFerCard } from './fer-card.test-support';
import { evenlySpaced, ferFramingTask } from './fer-framing';

let root: string;
const fer2013 = () => join(root, 'fer2013');

/** A face-like 48x48 pattern: two dark eyes and a mouth on a lighter oval, shifted per image. */
const face = (shift: number) => (x: number, y: number) => {
  const inOval = ((x - 24) / 18) ** 2 + ((y - 26) / 22) ** 2 < 1;
  const eye = (x - 16 - shift) ** 2 + (y - 19) ** 2 < 6 || (x - 32 - shift) ** 2 + (y - 19) ** 2 < 6;
  const mouth = Math.abs(y - 36) < 2 && Math.abs(x - 24 - shift) < 7;
  return eye || mouth ? 30 : inOval ? 190 : 90;
};

beforeAll(async () => {
  await selectBackend({ override: 'wasm', threads: 1, log: () => undefined });
  root = await mkdtemp(join(tmpdir(), 'fer-framing-'));
  for (const [c, emotion] of FER2013_CLASSES.entries()) {
    for (let i = 0; i < 2; i++) {
      await writeGrayImage(
        join(fer2013(), 'train', emotion, `Training_${c}${i}.jpg`),
        48,
        48,
        face(i - (c % 2)),
      );
    }
    // Test faces are not the training crops: a framing measured on them would be ignored.
    await writeGrayImage(join(fer2013(), 'test', emotion, `PublicTest_${c}.jpg`), 48, 48, () => 0);
  }
  for (const dir of ['a', 'b', 'ck', 'svm']) await mkdir(join(root, dir));
  await writeModelCard(join(root, 'svm'), testFerCard('svm', 'FER2013'));
  await writeFile(
    join(root, 'svm', 'svm.json'),
    JSON.stringify({ format: 'visioncad-fer-svm', features: {} }),
  );
  await writeModelCard(join(root, 'a'), testFerCard('a', 'FER2013'));
  await writeModelCard(join(root, 'b'), testFerCard('b', 'FER2013'));
  await writeModelCard(join(root, 'ck'), testFerCard('ck', 'CK+48'));
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('fer-framing task', () => {
  it("writes the training crops' eye framing into every card it is given", async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const models = `${join(root, 'a')},${join(root, 'b')},${join(root, 'svm')}`;
    await ferFramingTask.train(['--model', models, '--data', fer2013(), '--limit', '5']);
    const a = await readModelCard(join(root, 'a'));
    const b = await readModelCard(join(root, 'b'));
    expect(b.input.faceFraming).toEqual(a.input.faceFraming);
    // A FER SVM also carries it in svm.json, the file its classifier reads.
    const svm = JSON.parse(await readFile(join(root, 'svm', 'svm.json'), 'utf8'));
    const { measured: _, ...framing } = a.input.faceFraming!;
    expect(svm).toEqual({ format: 'visioncad-fer-svm', features: {}, framing });
    const { x, y, distance, measured } = a.input.faceFraming!;
    for (const v of [x, y, distance]) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThan(1);
    }
    // 14 training faces, at most 5: every third (0, 3, 6, 9, 12).
    expect(measured).toMatch(/^npm run trainer -- train --task fer-framing --model .* --limit 5: /);
    expect(measured).toMatch(/face-api's landmarks on 5 FER2013 training crops \(one face in 3\)$/);
  }, 60_000);

  it('refuses a model trained on other data, bad options and evaluate', async () => {
    await expect(ferFramingTask.train(['--model', join(root, 'ck'), '--data', fer2013()])).rejects.toThrow(
      /ck was trained on CK\+48, and --data is FER2013/,
    );
    await expect(ferFramingTask.train(['--data', fer2013()])).rejects.toThrow(/--model <dirs> is required/);
    await expect(
      ferFramingTask.train(['--model', join(root, 'a'), '--data', fer2013(), '--limit', '0']),
    ).rejects.toThrow(/--limit "0"/);
    await expect(
      ferFramingTask.evaluate({ modelDir: 'm', card: testFerCard('m', 'FER2013'), data: 'd', out: 'o' }),
    ).rejects.toThrow(/fer-framing is not a model task/);
  });

  it('picks evenly spaced items', () => {
    expect(evenlySpaced([0, 1, 2, 3, 4, 5, 6], 3)).toEqual({ picked: [0, 3, 6], stride: 3 });
    expect(evenlySpaced([0, 1], 5)).toEqual({ picked: [0, 1], stride: 1 });
  });
});
