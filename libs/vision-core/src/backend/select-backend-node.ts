// Node-only: picks the fastest tfjs backend that really starts on this machine, at start-up.
import os from 'node:os';
// '@tensorflow/tfjs' registers the cpu backend (and the gradients training needs).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import {
  NODE_BACKENDS,
  parseBackendName,
  type BackendChoice,
  type NodeBackendName,
  type SelectBackendOptions,
} from './backend-choice';
import { registerTrainingKernels } from './register-training-kernels';
import { registerThreadedWasmBackend } from './threaded-wasm-node';

/** Node options: also the XNNPACK thread count (default VISIONCAD_THREADS, else every core). */
export interface SelectNodeBackendOptions extends SelectBackendOptions {
  threads?: number;
}

type Attempt = { ok: boolean; reason: string };

// The slice of the WebGPU API used to tell a real GPU from a software one.
interface GpuAdapterInfo {
  vendor: string;
  architecture: string;
  description: string;
}
interface Gpu {
  requestAdapter(options?: { powerPreference?: string }): Promise<{ info: GpuAdapterInfo } | null>;
}

// Optional packages are imported by a computed name so bundlers and tsc do not require them.
async function importOptional(specifier: string): Promise<Record<string, unknown>> {
  return (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

async function tryTensorflow(): Promise<Attempt> {
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    try {
      await importOptional(pkg);
    } catch (error) {
      if (pkg === '@tensorflow/tfjs-node') {
        return { ok: false, reason: `tfjs-node(-gpu) not loadable (${errorText(error)})` };
      }
      continue;
    }
    if (await tf.setBackend('tensorflow')) return { ok: true, reason: `${pkg} loaded` };
  }
  return { ok: false, reason: 'tfjs-node(-gpu) installed but its backend failed to start' };
}

// Software adapters (llvmpipe, lavapipe, SwiftShader) start but are slower than wasm.
const SOFTWARE_ADAPTER = /llvmpipe|lavapipe|swiftshader|software/i;

async function tryWebgpu(): Promise<Attempt> {
  let gpu: Gpu;
  try {
    const dawn = await importOptional('webgpu');
    Object.assign(globalThis, dawn.globals as object);
    gpu = (dawn.create as (flags: string[]) => Gpu)([]);
  } catch (error) {
    return { ok: false, reason: `npm 'webgpu' (Dawn) not loadable (${errorText(error)})` };
  }
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (adapter === null) return { ok: false, reason: 'no WebGPU adapter' };
  const { vendor, architecture, description } = adapter.info;
  const label = [vendor, architecture, description].filter(Boolean).join(' ');
  if (SOFTWARE_ADAPTER.test(label)) return { ok: false, reason: `WebGPU adapter is software (${label})` };
  Object.defineProperty(
    globalThis.navigator ?? Object.assign(globalThis, { navigator: {} }).navigator,
    'gpu',
    {
      value: gpu,
      configurable: true,
    },
  );
  try {
    await importOptional('@tensorflow/tfjs-backend-webgpu');
  } catch (error) {
    return { ok: false, reason: `@tensorflow/tfjs-backend-webgpu not loadable (${errorText(error)})` };
  }
  if (await tf.setBackend('webgpu')) return { ok: true, reason: `GPU adapter ${label}` };
  return { ok: false, reason: `WebGPU backend failed to start on ${label}` };
}

async function tryWasm(threads: number): Promise<Attempt> {
  // One thread: tfjs's own single-threaded SIMD build needs no workers.
  if (threads > 1) registerThreadedWasmBackend(threads);
  registerTrainingKernels();
  if (!(await tf.setBackend('wasm'))) return { ok: false, reason: 'wasm backend failed to start' };
  return { ok: true, reason: `XNNPACK on ${getThreadsCount()} thread(s), training kernels registered` };
}

async function tryCpu(): Promise<Attempt> {
  if (await tf.setBackend('cpu'))
    return { ok: true, reason: 'pure-JS fallback (slow: about 0.2 img/s training)' };
  return { ok: false, reason: 'cpu backend failed to start' };
}

function threadCount(requested: number | undefined): number {
  if (requested !== undefined) return requested;
  const env = process.env.VISIONCAD_THREADS;
  if (env === undefined || env === '') return os.availableParallelism();
  const threads = Number(env);
  if (!Number.isInteger(threads) || threads < 1) {
    throw new Error(`VISIONCAD_THREADS is '${env}', expected a positive integer`);
  }
  return threads;
}

/**
 * Makes the fastest working backend current: tfjs-node(-gpu), then WebGPU on a real GPU, then
 * threaded wasm with the training kernels, then cpu. `override` or VISIONCAD_BACKEND skips probing.
 */
export async function selectBackend(
  options: SelectNodeBackendOptions = {},
): Promise<BackendChoice<NodeBackendName>> {
  const log = options.log ?? ((line: string) => console.info(line));
  const envOverride = process.env.VISIONCAD_BACKEND;
  const override =
    options.override !== undefined
      ? parseBackendName(options.override, NODE_BACKENDS, 'backend override')
      : envOverride
        ? parseBackendName(envOverride, NODE_BACKENDS, 'VISIONCAD_BACKEND')
        : undefined;
  const threads = threadCount(options.threads);
  const attempts: Record<NodeBackendName, () => Promise<Attempt>> = {
    tensorflow: tryTensorflow,
    webgpu: tryWebgpu,
    wasm: () => tryWasm(threads),
    cpu: tryCpu,
  };
  const order = override ? [override] : NODE_BACKENDS;
  const skipped: string[] = [];
  for (const name of order) {
    const attempt = await attempts[name]();
    if (attempt.ok) {
      const why = override ? `requested; ${attempt.reason}` : [...skipped, attempt.reason].join('; ');
      log(`[vision-core] tfjs backend: ${name} (${why})`);
      return { name, reason: why };
    }
    if (override) throw new Error(`Backend '${name}' was requested but cannot start: ${attempt.reason}`);
    skipped.push(attempt.reason);
  }
  throw new Error(`No tfjs backend could start: ${skipped.join('; ')}`);
}
