import {
  div,
  Mean,
  reshape,
  scalar,
  tile,
  util,
  type GradConfig,
  type NamedAttrMap,
  type Tensor,
} from '@tensorflow/tfjs-core';

/**
 * Gradient of mean(x, axes): dy / n broadcast back to x's shape by one Tile (a block copy on wasm).
 * tfjs-core multiplies by ones(x.shape) and then divides: three full-size passes instead of one.
 */
export const leanMeanGrad: GradConfig = {
  kernelName: Mean,
  inputsToSave: ['x'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const [x] = saved;
    const axes = util.parseAxisParam(attrs.axis as number | number[], x.shape);
    const keptShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
    const reps = x.shape.map((d, i) => (axes.includes(i) ? d : 1));
    const count = axes.reduce((n, axis) => n * x.shape[axis], 1);
    return { x: () => tile(reshape(div(dy as Tensor, scalar(count)), keptShape), reps) };
  },
};
