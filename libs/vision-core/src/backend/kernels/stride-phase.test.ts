import { describe, expect, it } from 'vitest';
import { stridePhases } from './stride-phase';

describe('stridePhases', () => {
  it('partitions the input positions among the phases, each reached only by its own taps', () => {
    for (const [stride, dilation, filter, pad, inSize] of [
      [2, 1, 3, 1, 8],
      [3, 1, 2, 0, 7],
      [2, 1, 1, 0, 5],
      [1, 2, 3, 2, 6],
      [3, 1, 5, 2, 9],
    ]) {
      const outSize = Math.floor((inSize + 2 * pad - ((filter - 1) * dilation + 1)) / stride) + 1;
      const phases = stridePhases(stride, dilation, filter, pad, inSize, outSize);
      const covered = phases.flatMap((p) =>
        Array.from({ length: p.count }, (_, a) => p.firstInput + a * p.stride),
      );
      expect(covered.sort((a, b) => a - b)).toEqual(Array.from({ length: inSize }, (_, i) => i));
      for (const p of phases) {
        const taps = Array.from({ length: p.taps }, (_, t) => p.tapOf(t));
        expect(taps.every((k) => (p.firstInput + pad - k * dilation) % stride === 0)).toBe(true);
        expect(p.padBefore).toBeGreaterThanOrEqual(0);
        expect(p.padAfter).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
