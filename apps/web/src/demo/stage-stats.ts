// Running latency figures for the page: the median of the last N samples per stage (robust to the
// odd slow frame a garbage collection causes) and frames per second over the same window.

/** Median of the last `window` values pushed. */
export class RollingMedian {
  private readonly values: number[] = [];

  constructor(private readonly window = 30) {}

  push(value: number): void {
    this.values.push(value);
    if (this.values.length > this.window) this.values.shift();
  }

  get count(): number {
    return this.values.length;
  }

  get median(): number | null {
    if (this.values.length === 0) return null;
    const sorted = [...this.values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}

/** Frames per second from the timestamps of the last `window` frames. */
export class FrameRate {
  private readonly stamps: number[] = [];

  constructor(private readonly window = 30) {}

  tick(now: number): void {
    this.stamps.push(now);
    if (this.stamps.length > this.window + 1) this.stamps.shift();
  }

  get fps(): number | null {
    if (this.stamps.length < 2) return null;
    return ((this.stamps.length - 1) * 1000) / (this.stamps[this.stamps.length - 1] - this.stamps[0]);
  }
}
