import { describe, expect, it } from 'vitest';
import { detectionInterval } from './detection-interval';

describe('detectionInterval', () => {
  it('spreads the detector over enough frames to keep the average within the frame budget', () => {
    // 25 ms per tracked frame, 66 ms detector, 40 ms budget (25 fps camera): 25 + 66/5 = 38.2 ms.
    expect(detectionInterval(66, 25, 40)).toBe(5);
    expect(detectionInterval(10, 5, 40)).toBe(1);
  });

  it('stays within 1..10', () => {
    expect(detectionInterval(0, 5, 40)).toBe(1);
    expect(detectionInterval(500, 39, 40)).toBe(10);
    expect(detectionInterval(66, 45, 40)).toBe(10);
  });

  it('rejects impossible times', () => {
    expect(() => detectionInterval(-1, 5, 40)).toThrow(/detect -1/);
    expect(() => detectionInterval(5, 5, 0)).toThrow(/budget 0/);
  });
});
