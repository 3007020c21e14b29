/** Whether a monitored quantity improves by going down or up. */
export type MonitorMode = 'min' | 'max';

/** Log keys that improve upwards; everything else (losses, error rates) improves downwards. */
const MAXIMIZED = /(acc|auc|f1|dice|jaccard|kappa|precision|recall)/i;

/** Resolves 'auto' the way Keras does: accuracy-like names are maximised, the rest minimised. */
export function resolveMonitorMode(monitor: string, mode: MonitorMode | 'auto' = 'auto'): MonitorMode {
  if (mode !== 'auto') return mode;
  return MAXIMIZED.test(monitor) ? 'max' : 'min';
}

/** True when `current` beats `best` by more than minDelta in the monitor's direction. */
export function isImprovement(current: number, best: number, mode: MonitorMode, minDelta: number): boolean {
  return mode === 'min' ? current < best - minDelta : current > best + minDelta;
}

/** Reads a monitored value from an epoch log, with an error naming the keys that do exist. */
export function readMonitor(logs: Record<string, unknown>, monitor: string, who: string): number {
  const value = logs[monitor];
  // NaN is a legitimate (diverged) value: it simply never counts as an improvement.
  if (typeof value !== 'number') {
    const available = Object.keys(logs)
      .filter((k) => typeof logs[k] === 'number')
      .join(', ');
    throw new Error(`${who} monitors '${monitor}', which is not in the epoch log (available: ${available})`);
  }
  return value;
}
