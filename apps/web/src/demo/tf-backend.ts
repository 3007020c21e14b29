// Starts TensorFlow.js for the demo: WebGL when the browser has a GPU, else WebAssembly (SIMD, with
// threads when the page is cross-origin isolated), else plain JS. Software WebGL (SwiftShader,
// llvmpipe: what headless or GPU-less browsers report) emulates the GPU on the CPU and is slower
// than wasm, so it is tried after wasm.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { BROWSER_BACKENDS, parseBackendName, selectBrowserBackend } from '@visioncad/vision-core/backend';
import { TFJS_WASM_URL } from './demo-asset-urls';

/** The backend in use and why, for the page to state. */
export interface DemoBackend {
  name: string;
  reason: string;
  /** The WebGL renderer string, when the browser exposes one. */
  webglRenderer: string | null;
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|lavapipe/i;

/** The unmasked WebGL renderer name, or null without WebGL. */
export function webglRenderer(): string | null {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return name;
}

let started: Promise<DemoBackend> | null = null;

async function start(override: string | null): Promise<DemoBackend> {
  setWasmPaths(TFJS_WASM_URL);
  const renderer = webglRenderer();
  const log = () => {};
  if (override) {
    const name = parseBackendName(override, BROWSER_BACKENDS, '?backend=');
    return { ...(await selectBrowserBackend({ override: name, log })), webglRenderer: renderer };
  }
  if (renderer && SOFTWARE_RENDERER.test(renderer)) {
    try {
      const choice = await selectBrowserBackend({ override: 'wasm', log });
      return {
        name: choice.name,
        reason: `WebGL is software-rendered here (${renderer}), so the models run on the CPU with WebAssembly SIMD`,
        webglRenderer: renderer,
      };
    } catch {
      // wasm could not start: fall through to the usual order (software WebGL, then cpu).
    }
  }
  const choice = await selectBrowserBackend({ log });
  return { ...choice, webglRenderer: renderer };
}

/**
 * Starts the tfjs backend once per page; `override` (the page's ?backend= parameter: webgl, wasm or
 * cpu) forces one and fails if it cannot start.
 */
export function startDemoBackend(override: string | null): Promise<DemoBackend> {
  started ??= start(override).then(async (backend) => {
    await tf.ready();
    return backend;
  });
  return started;
}
