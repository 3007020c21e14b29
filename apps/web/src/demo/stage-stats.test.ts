import { describe, expect, it } from 'vitest';
import { FrameRate, RollingMedian } from './stage-stats';

describe('RollingMedian', () => {
  it('is the median of the last window values', () => {
    const m = new RollingMedian(3);
    expect(m.median).toBeNull();
    m.push(10);
    m.push(1);
    expect(m.median).toBe(5.5);
    m.push(100);
    expect(m.median).toBe(10);
    m.push(2);
    expect(m.median).toBe(2);
    expect(m.count).toBe(3);
  });
});

describe('FrameRate', () => {
  it('counts frames per second over the window', () => {
    const rate = new FrameRate(4);
    rate.tick(0);
    expect(rate.fps).toBeNull();
    for (let t = 50; t <= 500; t += 50) rate.tick(t);
    expect(rate.fps).toBeCloseTo(20, 6);
  });
});
