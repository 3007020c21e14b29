// The training loop and its parts. Browser-safe (tfjs-core/-layers only); Node file I/O for
// checkpoints, logs and model directories is in ./training-node.
export { fit, type FitOptions, type FitResult, type LossName } from './training/fit';
export { distillationTargets, type TrainingTargets } from './training/distillation';
export { labelSmoothingTargets } from './training/label-smoothing';
export {
  binaryCrossEntropy,
  binaryCrossEntropyDiceLoss,
  categoricalCrossEntropy,
  diceLoss,
  type LossOptions,
} from './training/losses';
export {
  createOptimizer,
  getOptimizerState,
  setLearningRate,
  setOptimizerState,
  type OptimizerConfig,
} from './training/optimizers';
export {
  CosineDecay,
  ReduceLROnPlateau,
  StepDecay,
  type CosineDecayConfig,
  type LearningRateSchedule,
  type ReduceLROnPlateauConfig,
  type ScheduleState,
} from './training/lr-schedules';
export { EarlyStopping, type EarlyStoppingConfig, type EarlyStoppingState } from './training/early-stopping';
export { resolveMonitorMode, type MonitorMode } from './training/monitor';
export { balancedClassWeights, sampleWeightsFromLabels } from './training/class-weights';
export { withSeededRandom } from './training/determinism';
export {
  decodeCheckpoint,
  encodeCheckpoint,
  MemoryCheckpointStore,
  type CheckpointState,
  type CheckpointStore,
  type TrainingCheckpoint,
} from './training/checkpoint';
export {
  averageBatchNormStatistics,
  recomputeBatchNormStatistics,
  type ImageBatches,
} from './training/batch-norm-statistics';
export { MemoryMetricsLog, type EpochLog, type MetricsLog } from './training/metrics-log';
export { WeightAverage } from './training/weight-averaging';
export {
  formatDuration,
  ProgressBar,
  type BatchProgress,
  type TextSink,
  type TrainingProgress,
} from './training/progress-bar';
