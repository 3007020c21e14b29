// '@tensorflow/tfjs' registers the webgl and cpu backends (and the gradients training needs).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import {
  BROWSER_BACKENDS,
  parseBackendName,
  type BackendChoice,
  type BrowserBackendName,
  type SelectBackendOptions,
} from './backend-choice';
import { registerTrainingKernels } from './register-training-kernels';

const REASONS: Record<BrowserBackendName, string> = {
  webgl: 'GPU through WebGL',
  wasm: 'WebAssembly SIMD (threaded when the page is cross-origin isolated), training kernels registered',
  cpu: 'pure-JS fallback',
};

/**
 * Browser start-up: makes the first backend that starts current, WebGL, then wasm, then cpu;
 * `override` (e.g. from a ?backend= URL parameter) picks one and fails if it cannot start.
 */
export async function selectBrowserBackend(
  options: SelectBackendOptions = {},
): Promise<BackendChoice<BrowserBackendName>> {
  const log = options.log ?? ((line: string) => console.info(line));
  const override =
    options.override === undefined
      ? undefined
      : parseBackendName(options.override, BROWSER_BACKENDS, 'backend override');
  registerTrainingKernels();
  const skipped: string[] = [];
  for (const name of override ? [override] : BROWSER_BACKENDS) {
    let failure = 'failed to start';
    try {
      if (await tf.setBackend(name)) {
        const reason = override ? `requested; ${REASONS[name]}` : [...skipped, REASONS[name]].join('; ');
        log(`[vision-core] tfjs backend: ${name} (${reason})`);
        return { name, reason };
      }
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    if (override) throw new Error(`Backend '${name}' was requested but ${failure}`);
    skipped.push(`${name} ${failure}`);
  }
  throw new Error(`No tfjs backend could start: ${skipped.join('; ')}`);
}
