import {
  add,
  FusedBatchNorm,
  mul,
  neg,
  reshape,
  rsqrt,
  scalar,
  sub,
  sum,
  type GradConfig,
  type NamedAttrMap,
  type Tensor,
} from '@tensorflow/tfjs-core';

/**
 * Gradient of batch normalization y = (x - mean) * rsqrt(variance + eps) * scale + offset with
 * per-channel (rank-1) statistics, in three full-size passes (x - mean, dy * (x - mean), dy * k) and
 * two channel reductions. tfjs-core's version makes about nine full-size passes plus a Tile, which
 * dominated ResNet training; the math is the same for any inputs (not only batch statistics).
 * Other statistics shapes (scalars, broadcast shapes) keep tfjs-core's formulas via `fallback`.
 */
export function leanFusedBatchNormGrad(fallback: GradConfig): GradConfig {
  return {
    kernelName: FusedBatchNorm,
    inputsToSave: ['x', 'mean', 'variance', 'scale'],
    gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
      const [x, mean, variance, scale] = saved;
      if (mean.rank !== 1 || Array.isArray(dy)) return fallback.gradFunc(dy, saved, attrs);
      const axes = x.shape.slice(0, -1).map((_, i) => i);
      const scaleValue = scale ?? scalar(1);
      const invStd = rsqrt(add(variance, scalar(attrs.varianceEpsilon as number)));
      const sumDy = sum(dy, axes);
      const sumDyCentered = sum(mul(dy, sub(x, mean)), axes);
      return {
        x: () => reshape(mul(dy, mul(invStd, scaleValue)), x.shape),
        offset: () => sumDy,
        scale: () => mul(sumDyCentered, invStd),
        mean: () => neg(mul(mul(invStd, scaleValue), sumDy)),
        variance: () =>
          mul(mul(mul(mul(invStd, invStd), invStd), mul(scaleValue, scalar(-0.5))), sumDyCentered),
      };
    },
  };
}
