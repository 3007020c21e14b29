/* global __filename */
// Entry script of one pthread of tfjs-backend-wasm's threaded build under Node's worker_threads.
// tfjs ships the Emscripten worker only as a string meant for a Blob URL, which worker_threads
// cannot load; this file runs that string with the CommonJS `require` it expects. Emscripten
// escaped its newlines for the Blob, so they are escaped again here exactly as tfjs does.
const {
  wasmWorkerContents,
} = require('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js');
new Function('require', '__filename', wasmWorkerContents.replace(/\n/g, '\\n'))(require, __filename);
