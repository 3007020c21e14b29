/**
 * One output phase, along one spatial axis, of the input gradient of a strided (or dilated) window
 * op: the input positions i with (i + padBefore) % stride == phase. They receive gradient only from
 * the filter taps k = phase, phase + stride, ..., so their gradient is a stride-1 correlation of dy
 * with that flipped sub-filter. tfjs allows a dilation only with stride 1 (a single phase).
 */
export interface StridePhase {
  stride: number;
  /** Tap spacing of the correlation: the dilation (1 whenever stride > 1). */
  dilation: number;
  /** Number of filter taps that reach this phase (0 when the phase is beyond the filter). */
  taps: number;
  /** The filter tap index used by the t-th tap of the flipped sub-filter. */
  tapOf(t: number): number;
  /** Number of input positions in this phase, and the first of them. */
  count: number;
  firstInput: number;
  /** Padding of the correlation of dy with the sub-filter (both >= 0). */
  padBefore: number;
  padAfter: number;
  /** Index, in that correlation's output, of the phase's first input position. */
  offset: number;
  /** True when the correlation's output is exactly the phase's positions (no cropping needed). */
  exact: boolean;
}

/** Describes phase `phase` of an axis of the given stride, dilation, filter size, padding and sizes. */
export function stridePhase(
  phase: number,
  stride: number,
  dilation: number,
  filterSize: number,
  padBefore: number,
  inSize: number,
  outSize: number,
): StridePhase {
  if (stride > 1 && dilation > 1)
    throw new Error(`stride ${stride} with dilation ${dilation}: one must be 1`);
  const taps = phase < filterSize ? Math.ceil((filterSize - phase) / stride) : 0;
  // Input i = stride*q + phase - padBefore gets sum_j dy[q - j*dilation] * w[phase + stride*j].
  const span = (taps - 1) * dilation;
  const qMin = Math.ceil((padBefore - phase) / stride);
  const qMax = Math.floor((inSize - 1 + padBefore - phase) / stride);
  const count = Math.max(0, qMax - qMin + 1);
  const corrPadBefore = Math.max(0, span - qMin);
  const offset = qMin - span + corrPadBefore;
  const corrOut = outSize + corrPadBefore - span;
  const corrPadAfter = Math.max(0, offset + count - corrOut);
  return {
    stride,
    dilation,
    taps,
    tapOf: (t) => phase + stride * (taps - 1 - t),
    count,
    firstInput: stride * qMin + phase - padBefore,
    padBefore: corrPadBefore,
    padAfter: corrPadAfter,
    offset,
    exact: offset === 0 && corrOut + corrPadAfter === count,
  };
}

/** The phases of one axis, one per residue of the stride. */
export function stridePhases(
  stride: number,
  dilation: number,
  filterSize: number,
  padBefore: number,
  inSize: number,
  outSize: number,
): StridePhase[] {
  return Array.from({ length: stride }, (_, r) =>
    stridePhase(r, stride, dilation, filterSize, padBefore, inSize, outSize),
  );
}
