// Node-only training I/O: atomic checkpoint files, JSONL epoch logs, browser-loadable model
// directories. Browser code imports ./training instead.
export { FileCheckpointStore } from './io/checkpoint-file.node';
export { JsonlMetricsLog } from './io/jsonl-metrics-log.node';
export { writeFileAtomic } from './io/atomic-write.node';
export { loadModel, modelDirectory, saveModel, type ModelDirectoryOptions } from './io/model-directory.node';
export {
  quantizeAffine,
  quantizeWeights,
  toFloat16,
  type WeightQuantization,
} from './io/weight-quantization';
