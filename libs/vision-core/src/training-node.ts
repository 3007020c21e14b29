// Node-only training I/O: atomic checkpoint files, JSONL epoch logs, browser-loadable model
// directories. Browser code imports ./training instead.
export { FileCheckpointStore } from './io/checkpoint-file.node.js';
export { JsonlMetricsLog } from './io/jsonl-metrics-log.node.js';
export { writeFileAtomic } from './io/atomic-write.node.js';
export {
  loadModel,
  modelDirectory,
  saveModel,
  type ModelDirectoryOptions,
} from './io/model-directory.node.js';
export {
  quantizeAffine,
  quantizeWeights,
  toFloat16,
  type WeightQuantization,
} from './io/weight-quantization';
