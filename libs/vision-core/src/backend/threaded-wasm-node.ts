// Node-only: starts tfjs-backend-wasm's threaded SIMD build under worker_threads.
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { registerBackend, removeBackend, findBackendFactory } from '@tensorflow/tfjs-core';
import { BackendWasm, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

const require = createRequire(import.meta.url);
const THREADED_FACTORY = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
const WORKER_SCRIPT = fileURLToPath(new URL('./wasm-pthread-worker.cjs', import.meta.url));
// tfjs registers 'wasm' with priority 2; keep it so backend auto-selection is unchanged.
const WASM_PRIORITY = 2;

interface EmscriptenFactoryConfig {
  locateFile(path: string): string;
  mainScriptUrlOrBlob: string;
}
type WasmModule = ConstructorParameters<typeof BackendWasm>[0];
type CWrap = (name: string, returnType: string | null, argTypes: string[]) => (...args: number[]) => number;

// tfjs sets WASM_HAS_MULTITHREAD_SUPPORT to false under Node and hands Emscripten its pthread worker
// as a Blob URL; both stop its own init from using threads here. This factory does what tfjs's init
// does for the threaded build, with a worker script Node can load. The wasm also caps XNNPACK at
// half the logical cores (it assumes hyper-threading), so the core count it reads while it starts
// is made to be twice the threads asked for.
async function createThreadedWasmBackend(threads: number): Promise<BackendWasm> {
  const factoryPath = require.resolve(THREADED_FACTORY);
  const factory = require(factoryPath) as (config: EmscriptenFactoryConfig) => Promise<WasmModule>;
  const cpus = os.cpus;
  os.cpus = () => Array.from({ length: 2 * threads }, () => cpus()[0]);
  let wasm: WasmModule;
  try {
    wasm = await factory({
      locateFile: (file) =>
        file.endsWith('.worker.js')
          ? WORKER_SCRIPT
          : file.endsWith('.wasm')
            ? factoryPath.replace(/\.js$/, '.wasm')
            : file,
      mainScriptUrlOrBlob: factoryPath,
    });
  } finally {
    os.cpus = cpus;
  }
  const cwrap = (wasm as unknown as { cwrap: CWrap }).cwrap;
  wasm.tfjs = {
    init: cwrap('init', null, []),
    initWithThreadsCount: cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: cwrap('get_threads_count', 'number', []),
    registerTensor: cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: cwrap('dispose_data', null, ['number']),
    dispose: cwrap('dispose', null, []),
  };
  setThreadsCount(threads);
  return new BackendWasm(wasm);
}

/** Re-registers the 'wasm' backend so that, once initialized, XNNPACK runs on `threads` threads in Node. */
export function registerThreadedWasmBackend(threads: number): void {
  if (!Number.isInteger(threads) || threads < 1 || threads > 8) {
    throw new Error(
      `wasm thread count must be an integer from 1 to 8 (tfjs pre-starts 8 workers), got ${threads}`,
    );
  }
  if (findBackendFactory('wasm') !== null) removeBackend('wasm');
  registerBackend('wasm', () => createThreadedWasmBackend(threads), WASM_PRIORITY);
}
