import * as tf from '@tensorflow/tfjs';

/**
 * One model that averages the softmax outputs of several models on a shared input (seed 000's
 * ensemble, 75.8% with seven models). The members keep their weights; the ensemble saves and loads
 * as a single LayersModel.
 */
export function buildAveragingEnsemble(models: readonly tf.LayersModel[], name = 'ensemble'): tf.LayersModel {
  if (models.length < 2) throw new RangeError(`an ensemble needs at least 2 models, got ${models.length}`);
  const shape = models[0].inputs[0].shape;
  const classes = models[0].outputs[0].shape;
  for (const m of models) {
    if (JSON.stringify(m.inputs[0].shape) !== JSON.stringify(shape)) {
      throw new Error(`ensemble member ${m.name} takes ${JSON.stringify(m.inputs[0].shape)}, others ${JSON.stringify(shape)}`);
    }
    if (JSON.stringify(m.outputs[0].shape) !== JSON.stringify(classes)) {
      throw new Error(`ensemble member ${m.name} outputs ${JSON.stringify(m.outputs[0].shape)}, others ${JSON.stringify(classes)}`);
    }
  }
  const input = tf.input({ shape: shape.slice(1) as number[], name: 'image' });
  const outputs = models.map((m) => m.apply(input) as tf.SymbolicTensor);
  const mean = tf.layers.average({ name: 'mean_probabilities' }).apply(outputs) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: mean, name });
}

/**
 * Weighted mean of several models' probability rows (for members that cannot share one graph, such as
 * an SVM and a CNN). `predictions[m][i]` is model m's row for sample i; weights default to equal.
 */
export function averageProbabilities(
  predictions: readonly (readonly ArrayLike<number>[])[],
  weights?: readonly number[],
): Float64Array[] {
  if (predictions.length === 0) throw new RangeError('no predictions to average');
  const w = weights ?? predictions.map(() => 1);
  if (w.length !== predictions.length || w.some((v) => !(v >= 0)) || w.every((v) => v === 0)) {
    throw new RangeError(`need one non-negative weight per model (not all 0), got ${JSON.stringify(w)}`);
  }
  const total = w.reduce((a, b) => a + b, 0);
  const n = predictions[0].length;
  const k = predictions[0][0]?.length ?? 0;
  return Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(k);
    predictions.forEach((rows, m) => {
      if (rows.length !== n || rows[i].length !== k) {
        throw new RangeError(`model ${m} has ${rows.length} rows of ${rows[i]?.length} classes, expected ${n} of ${k}`);
      }
      for (let c = 0; c < k; c++) row[c] += (w[m] / total) * rows[i][c];
    });
    return row;
  });
}
