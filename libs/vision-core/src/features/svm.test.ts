import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';

import { SvmClassifier, svmParameterGrid, type SvmParams } from './svm';

/** Three Gaussian blobs in 2-D, one per class. */
function blobs(perClass: number, seed: string) {
  const random = seedrandom(seed);
  const centres = [
    [0, 0],
    [4, 0],
    [0, 4],
  ];
  const rows: number[][] = [];
  const labels: number[] = [];
  centres.forEach(([cx, cy], c) => {
    for (let i = 0; i < perClass; i++) {
      rows.push([cx + (random() - 0.5) * 1.5, cy + (random() - 0.5) * 1.5]);
      labels.push(c);
    }
  });
  return { rows, labels };
}

/** Class 1 inside the unit circle, class 0 on a ring around it: not linearly separable. */
function rings(n: number, seed: string) {
  const random = seedrandom(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const inner = i % 2 === 1;
    const r = inner ? random() * 0.8 : 1.6 + random() * 0.6;
    const t = random() * 2 * Math.PI;
    rows.push([r * Math.cos(t), r * Math.sin(t)]);
    labels.push(inner ? 1 : 0);
  }
  return { rows, labels };
}

function accuracy(pred: ArrayLike<number>, labels: number[]) {
  return labels.filter((l, i) => pred[i] === l).length / labels.length;
}

describe('SvmClassifier', () => {
  const train = blobs(30, 'train');
  const test = blobs(20, 'test');

  it.each<SvmParams>([
    { kernel: 'linear', C: 1 },
    { kernel: 'polynomial', C: 1, degree: 2, gamma: 0.5, coef0: 1 },
    { kernel: 'rbf', C: 10, gamma: 0.5 },
  ])('separates three blobs with the $kernel kernel (one-vs-one)', async (params) => {
    const svm = await SvmClassifier.train(train.rows, train.labels, params);
    expect(accuracy(svm.predict(test.rows), test.labels)).toBe(1);
    svm.dispose();
  });

  it('RBF and degree-2 polynomial separate concentric rings; linear cannot', async () => {
    const tr = rings(200, 'a');
    const te = rings(100, 'b');
    const rbf = await SvmClassifier.train(tr.rows, tr.labels, { kernel: 'rbf', C: 10, gamma: 1 });
    const poly = await SvmClassifier.train(tr.rows, tr.labels, {
      kernel: 'polynomial',
      C: 10,
      degree: 2,
      gamma: 1,
      coef0: 1,
    });
    const linear = await SvmClassifier.train(tr.rows, tr.labels, { kernel: 'linear', C: 10 });
    expect(accuracy(rbf.predict(te.rows), te.labels)).toBe(1);
    expect(accuracy(poly.predict(te.rows), te.labels)).toBe(1);
    expect(accuracy(linear.predict(te.rows), te.labels)).toBeLessThan(0.8);
    [rbf, poly, linear].forEach((m) => m.dispose());
  });

  it('gives Platt probabilities that sum to 1 and favour the true class', async () => {
    const svm = await SvmClassifier.train(train.rows, train.labels, {
      kernel: 'rbf',
      C: 10,
      gamma: 0.5,
      probability: true,
    });
    const probs = svm.predictProbabilities(test.rows);
    probs.forEach((p, i) => {
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      expect(p.indexOf(Math.max(...p))).toBe(test.labels[i]);
    });
    svm.dispose();
  });

  it('round-trips through JSON with identical predictions and probabilities', async () => {
    const svm = await SvmClassifier.train(train.rows, train.labels, {
      kernel: 'rbf',
      C: 1,
      probability: true,
    });
    const json = JSON.parse(JSON.stringify(svm.toJSON()));
    expect(json.params.gamma).toBe(0.5);
    const restored = await SvmClassifier.fromJSON(json);
    expect(Array.from(restored.predict(test.rows))).toEqual(Array.from(svm.predict(test.rows)));
    // libsvm writes its model text with ~8 significant digits, so probabilities agree closely, not bitwise.
    const before = svm.predictProbabilities(test.rows);
    restored
      .predictProbabilities(test.rows)
      .forEach((row, i) => row.forEach((p, c) => expect(p).toBeCloseTo(before[i][c], 4)));
    expect(restored.supportVectorCount).toBe(svm.supportVectorCount);
    svm.dispose();
    restored.dispose();
  });

  it('rejects bad input with the row or field named', async () => {
    await expect(SvmClassifier.train([[0, 1], [1]], [0, 1], { kernel: 'linear', C: 1 })).rejects.toThrow(
      /row 1 has 1 features/,
    );
    await expect(SvmClassifier.train([[0], [1]], [0, 1.5], { kernel: 'linear', C: 1 })).rejects.toThrow(
      /label 1.5 of row 1/,
    );
    await expect(SvmClassifier.train([[0], [1]], [0, 0], { kernel: 'linear', C: 1 })).rejects.toThrow(
      /2 classes/,
    );
    await expect(SvmClassifier.train([[0], [1]], [0, 1], { kernel: 'linear', C: 0 })).rejects.toThrow(
      /C must be positive/,
    );
    const svm = await SvmClassifier.train([[0], [1]], [0, 1], { kernel: 'linear', C: 1 });
    expect(() => svm.predict([[0, 0]])).toThrow(/expects 1/);
    expect(() => svm.predictProbabilities([[0]])).toThrow(/without probability/);
    svm.dispose();
    await expect(SvmClassifier.fromJSON({ format: 'x' } as never)).rejects.toThrow(/not an SVM model/);
  });
});

describe('svmParameterGrid', () => {
  it('expands C for linear, C x gamma for RBF and C x gamma x degree for polynomial', () => {
    const grid = svmParameterGrid({
      kernels: ['linear', 'rbf', 'polynomial'],
      C: [1, 10],
      gamma: [0.1, 1],
      degree: [2, 3],
    });
    expect(grid.filter((p) => p.kernel === 'linear')).toHaveLength(2);
    expect(grid.filter((p) => p.kernel === 'rbf')).toHaveLength(4);
    expect(grid.filter((p) => p.kernel === 'polynomial')).toHaveLength(8);
    expect(grid.find((p) => p.kernel === 'linear')).toEqual({ kernel: 'linear', C: 1 });
  });
});
