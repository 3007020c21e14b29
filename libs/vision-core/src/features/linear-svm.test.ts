import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';

import { couplePairwise, LinearSvm } from './linear-svm';
import { SvmClassifier } from './svm';

/** Overlapping Gaussian clouds in 12-D, 4 classes listed in a shuffled order (libsvm keeps first-seen order). */
function clouds(n: number, seed: string) {
  const random = seedrandom(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = [2, 0, 3, 1][i % 4];
    labels.push(y);
    rows.push(Array.from({ length: 12 }, (_, f) => (f % 4 === y ? 1.2 : 0) + (random() - 0.5) * 2));
  }
  return { rows, labels };
}

describe('LinearSvm', () => {
  it('predicts as libsvm does, votes and Platt probabilities, from weight vectors alone', async () => {
    const train = clouds(120, 'train');
    const test = clouds(200, 'test');
    // A 5th class index that never occurs: its probability column stays 0.
    const svm = await SvmClassifier.train(
      train.rows,
      train.labels,
      { kernel: 'linear', C: 0.5, probability: true },
      5,
    );
    const saved = svm.toJSON();
    svm.dispose();
    const reference = await SvmClassifier.fromJSON(saved);
    const linear = LinearSvm.fromLibsvm(saved);
    expect(linear.supportVectorCount).toBe(reference.supportVectorCount);
    expect(Array.from(linear.predict(test.rows))).toEqual(Array.from(reference.predict(test.rows)));
    const expected = reference.predictProbabilities(test.rows);
    linear.predictProbabilities(test.rows).forEach((row, i) => {
      expect(row).toHaveLength(5);
      expect(row[4]).toBe(0);
      row.forEach((p, c) => expect(p).toBeCloseTo(expected[i][c], 6));
    });
    reference.dispose();
    // The JSON round trip keeps every prediction.
    const restored = LinearSvm.fromJSON(JSON.parse(JSON.stringify(linear.toJSON())));
    expect(Array.from(restored.predict(test.rows))).toEqual(Array.from(linear.predict(test.rows)));
    // Its size does not grow with the support vectors: 6 pairs x 12 weights.
    expect(linear.toJSON().pairs.flatMap((p) => p.w)).toHaveLength(72);
  });

  it('needs a linear kernel, a probability model for probabilities, and rows of the right length', async () => {
    const train = clouds(40, 'small');
    const rbf = await SvmClassifier.train(train.rows, train.labels, { kernel: 'rbf', C: 1 });
    expect(() => LinearSvm.fromLibsvm(rbf.toJSON())).toThrow(
      /only a linear-kernel SVM has weight vectors; this one is rbf/,
    );
    rbf.dispose();
    const plain = await SvmClassifier.train(train.rows, train.labels, { kernel: 'linear', C: 1 });
    const plainJson = plain.toJSON();
    plain.dispose();
    const linear = LinearSvm.fromLibsvm(plainJson);
    expect(() => linear.predictProbabilities(train.rows)).toThrow(/trained without probability: true/);
    expect(() => linear.predict([[1, 2]])).toThrow(/row 0 has 2 features, the model expects 12/);
    expect(() => LinearSvm.fromJSON({ ...linear.toJSON(), pairs: [] })).toThrow(
      /4 classes need 6 pairs of 12 weights/,
    );
    expect(() => LinearSvm.fromJSON({ format: 'x' } as never)).toThrow(/expected format "linear-svm-ovo"/);
    const text = { ...plainJson, model: 'svm_type c_svc\nkernel_type linear\nnr_class 2\n' };
    expect(() => LinearSvm.fromLibsvm(text)).toThrow(/libsvm model text: no "SV" line/);
  });

  it('couples consistent pairwise probabilities back into the class probabilities', () => {
    const truth = [0.5, 0.3, 0.15, 0.05];
    const r = truth.map((pi) => truth.map((pj) => pi / (pi + pj)));
    // libsvm stops once every class is within 0.005 / k of the fixed point.
    const p = couplePairwise(r);
    p.forEach((pi, i) => expect(pi).toBeCloseTo(truth[i], 2));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });
});
