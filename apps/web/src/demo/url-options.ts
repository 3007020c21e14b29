// Options a visitor (or the benchmark) can put in the demo's address.
import { DETECTION_MODES, type DetectionMode } from './detection-mode';

/** The ?backend= parameter (webgl, wasm or cpu), or null to let the demo choose. */
export function backendOverride(search = window.location.search): string | null {
  const value = new URLSearchParams(search).get('backend');
  return value && value.trim() ? value : null;
}

/**
 * The ?detection= parameter of the webcam: 'worker' (default: detector in a background worker,
 * tracking between its results), 'interval' (detector here every n-th frame, tracking between) or
 * 'every' (detector on every frame, no tracking).
 */
export function detectionModeOption(search = window.location.search): DetectionMode {
  const value = new URLSearchParams(search).get('detection')?.trim();
  if (!value) return 'worker';
  if (!(DETECTION_MODES as readonly string[]).includes(value)) {
    throw new Error(`?detection= must be one of ${DETECTION_MODES.join(', ')}; got '${value}'`);
  }
  return value as DetectionMode;
}

/**
 * The ?landmarks= parameter of the webcam: 'on' (default: 68-point landmarks, faces cut by the eyes)
 * or 'off' (faces cut by the eyes their detector box holds on average), the toggle's starting state.
 */
export function landmarksOption(search = window.location.search): boolean {
  const value = new URLSearchParams(search).get('landmarks')?.trim();
  if (!value || value === 'on') return true;
  if (value === 'off') return false;
  throw new Error(`?landmarks= must be on or off; got '${value}'`);
}
