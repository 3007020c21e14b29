import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { disposeIntermediate, f32, makeF32Output } from '../wasm-kernel-utils';
import type { StridePhase } from './stride-phase';

/**
 * Assembles an NHWC input gradient [N, inHeight, inWidth, C] from its stride phases:
 * `phaseGradient(rows, cols)` returns the correlation output of one phase (its rows/cols at
 * `offset`), which is copied to the phase's strided positions; phases no tap reaches are zero.
 * With a single exact phase its correlation output is returned as the gradient itself.
 */
export function assembleFromPhases(
  backend: BackendWasm,
  shape: [number, number, number, number],
  rowPhases: StridePhase[],
  colPhases: StridePhase[],
  phaseGradient: (rows: StridePhase, cols: StridePhase) => TensorInfo,
): TensorInfo {
  if (rowPhases.length === 1 && colPhases.length === 1 && rowPhases[0].exact && colPhases[0].exact) {
    return phaseGradient(rowPhases[0], colPhases[0]);
  }
  const dx = makeF32Output(backend, shape);
  for (const rows of rowPhases) {
    for (const cols of colPhases) {
      if (rows.count <= 0 || cols.count <= 0) continue;
      const part = rows.taps > 0 && cols.taps > 0 ? phaseGradient(rows, cols) : null;
      copyPhase(backend, dx, part, rows, cols);
      if (part !== null) disposeIntermediate(backend, part);
    }
  }
  return dx;
}

function copyPhase(
  backend: BackendWasm,
  dx: TensorInfo,
  part: TensorInfo | null,
  rows: StridePhase,
  cols: StridePhase,
): void {
  const [batch, inHeight, inWidth, channels] = dx.shape;
  const dst = f32(backend, dx);
  const src = part === null ? null : f32(backend, part);
  const partH = part?.shape[1] ?? 0;
  const partW = part?.shape[2] ?? 0;
  for (let n = 0; n < batch; n++) {
    for (let a = 0; a < rows.count; a++) {
      const ih = rows.firstInput + a * rows.stride;
      for (let b = 0; b < cols.count; b++) {
        const to = ((n * inHeight + ih) * inWidth + cols.firstInput + b * cols.stride) * channels;
        if (src === null) {
          dst.fill(0, to, to + channels);
        } else {
          const from = ((n * partH + rows.offset + a) * partW + cols.offset + b) * channels;
          for (let c = 0; c < channels; c++) dst[to + c] = src[from + c];
        }
      }
    }
  }
}
