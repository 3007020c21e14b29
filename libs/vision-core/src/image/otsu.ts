/**
 * Otsu's threshold of a 256-bin histogram: the level t maximising the between-class variance of
 * {v <= t} and {v > t}. Returns 0 for an empty or single-level histogram.
 */
export function otsuThreshold(histogram: ArrayLike<number>): number {
  if (histogram.length !== 256) throw new RangeError(`otsuThreshold needs 256 bins, got ${histogram.length}`);
  let total = 0;
  let sumAll = 0;
  for (let v = 0; v < 256; v++) {
    total += histogram[v];
    sumAll += v * histogram[v];
  }
  let weightLow = 0;
  let sumLow = 0;
  let best = -1;
  let threshold = 0;
  for (let t = 0; t < 255; t++) {
    weightLow += histogram[t];
    sumLow += t * histogram[t];
    const weightHigh = total - weightLow;
    if (weightLow === 0 || weightHigh === 0) continue;
    const meanLow = sumLow / weightLow;
    const meanHigh = (sumAll - sumLow) / weightHigh;
    const between = weightLow * weightHigh * (meanLow - meanHigh) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}
