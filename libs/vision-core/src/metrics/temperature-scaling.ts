import { assertRows, type ProbabilityRows } from './probabilities';
import { assertClassLabels, assertSameLength } from './validate';

/** Result of fitting a softmax temperature on held-out logits. */
export interface TemperatureFit {
  temperature: number;
  /** Mean negative log-likelihood at T = 1 and at the fitted T. */
  nllBefore: number;
  nllAfter: number;
}

function logSumExp(row: ArrayLike<number>, scale: number): number {
  let max = -Infinity;
  for (let k = 0; k < row.length; k++) max = Math.max(max, row[k] * scale);
  let s = 0;
  for (let k = 0; k < row.length; k++) s += Math.exp(row[k] * scale - max);
  return max + Math.log(s);
}

/** Mean negative log-likelihood of the true classes under softmax(logits / temperature). */
export function temperatureNll(
  logits: ProbabilityRows,
  yTrue: ArrayLike<number>,
  temperature: number,
): number {
  const scale = 1 / temperature;
  let total = 0;
  for (let i = 0; i < logits.length; i++) total += logSumExp(logits[i], scale) - logits[i][yTrue[i]] * scale;
  return total / logits.length;
}

/** softmax(logits / temperature) for each row. */
export function applyTemperature(logits: ProbabilityRows, temperature: number): number[][] {
  if (!(temperature > 0)) throw new Error(`temperature must be > 0, got ${temperature}`);
  return Array.from({ length: logits.length }, (_, i) => {
    const row = logits[i];
    const lse = logSumExp(row, 1 / temperature);
    return Array.from({ length: row.length }, (_, k) => Math.exp(row[k] / temperature - lse));
  });
}

/**
 * Fits the temperature T of temperature scaling (Guo et al. 2017) by minimising the validation NLL
 * of softmax(logits / T). The NLL is convex in 1/T, hence unimodal in log T, so a golden-section
 * search over log T in [minTemperature, maxTemperature] finds the global minimum. Models that end
 * in softmax can pass log-probabilities: they differ from the logits by a per-row constant.
 */
export function fitTemperature(
  logits: ProbabilityRows,
  yTrue: ArrayLike<number>,
  { minTemperature = 0.05, maxTemperature = 20, tolerance = 1e-7 } = {},
): TemperatureFit {
  assertSameLength(yTrue, logits, 'yTrue', 'logits');
  const numClasses = logits[0].length;
  assertRows(logits, numClasses, 'logits');
  assertClassLabels(yTrue, numClasses, 'yTrue');
  if (!(minTemperature > 0 && maxTemperature > minTemperature)) {
    throw new Error(`need 0 < minTemperature < maxTemperature, got ${minTemperature} and ${maxTemperature}`);
  }
  const f = (u: number): number => temperatureNll(logits, yTrue, Math.exp(u));
  const invPhi = (Math.sqrt(5) - 1) / 2;
  let a = Math.log(minTemperature);
  let b = Math.log(maxTemperature);
  let c = b - invPhi * (b - a);
  let d = a + invPhi * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > tolerance) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - invPhi * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + invPhi * (b - a);
      fd = f(d);
    }
  }
  const temperature = Math.exp((a + b) / 2);
  return {
    temperature,
    nllBefore: temperatureNll(logits, yTrue, 1),
    nllAfter: temperatureNll(logits, yTrue, temperature),
  };
}
