// How often to run the face detector when it shares the thread with everything else (no worker):
// every n-th frame, n chosen so that detect/n plus the cost of a tracked frame fits the camera's frame
// interval. A detection frame still takes as long as the detector; the frames between are cheap.

/** Bounds of the chosen interval. */
export const MIN_DETECTION_INTERVAL = 1;
export const MAX_DETECTION_INTERVAL = 10;

/**
 * Frames per detection: the smallest n with trackedFrameMs + detectMs / n <= frameBudgetMs, within
 * [1, 10] (10 when even that does not fit).
 */
export function detectionInterval(detectMs: number, trackedFrameMs: number, frameBudgetMs: number): number {
  if (!(detectMs >= 0 && trackedFrameMs >= 0 && frameBudgetMs > 0)) {
    throw new RangeError(
      `detection interval needs times >= 0 and a budget > 0, got detect ${detectMs}, tracked frame ${trackedFrameMs}, budget ${frameBudgetMs} ms`,
    );
  }
  const spare = frameBudgetMs - trackedFrameMs;
  if (spare <= 0) return MAX_DETECTION_INTERVAL;
  return Math.min(MAX_DETECTION_INTERVAL, Math.max(MIN_DETECTION_INTERVAL, Math.ceil(detectMs / spare)));
}
