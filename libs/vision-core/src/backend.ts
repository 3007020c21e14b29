// Browser-safe tfjs backend support: training kernels for the wasm backend and browser start-up
// selection. Node entry point (threaded wasm, tfjs-node, WebGPU via Dawn): ./backend-node.
export { registerTrainingKernels } from './backend/register-training-kernels';
export { selectBrowserBackend } from './backend/select-backend';
export {
  BROWSER_BACKENDS,
  NODE_BACKENDS,
  parseBackendName,
  type BackendChoice,
  type BrowserBackendName,
  type NodeBackendName,
  type SelectBackendOptions,
} from './backend/backend-choice';
