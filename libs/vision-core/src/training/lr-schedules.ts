import { isImprovement, readMonitor, resolveMonitorMode, type MonitorMode } from './monitor';

/** Serializable schedule state, saved in checkpoints. */
export type ScheduleState = Record<string, number>;

/**
 * A learning-rate schedule the training loop queries before every optimizer step. Stateful
 * schedules (ReduceLROnPlateau) also see each epoch's log and expose their state for checkpoints.
 */
export interface LearningRateSchedule {
  /** Learning rate for the optimizer step `step` (0-based, counted over the whole run) in `epoch` (0-based). */
  learningRate(step: number, epoch: number): number;
  /** Called once per epoch with the epoch's log, after validation. */
  onEpochEnd?(epoch: number, logs: Record<string, number>): void;
  getState?(): ScheduleState;
  setState?(state: ScheduleState): void;
}

function assertPositive(value: number, name: string): void {
  if (!(Number.isFinite(value) && value > 0))
    throw new Error(`${name} must be a positive number, got ${value}`);
}

/** Step decay: the rate is multiplied by `factor` every `dropEvery` epochs. */
export class StepDecay implements LearningRateSchedule {
  constructor(private readonly config: { initialLearningRate: number; dropEvery: number; factor: number }) {
    assertPositive(config.initialLearningRate, 'StepDecay initialLearningRate');
    if (!Number.isInteger(config.dropEvery) || config.dropEvery < 1) {
      throw new Error(`StepDecay dropEvery must be a positive number of epochs, got ${config.dropEvery}`);
    }
    assertPositive(config.factor, 'StepDecay factor');
  }

  learningRate(_step: number, epoch: number): number {
    const { initialLearningRate, dropEvery, factor } = this.config;
    return initialLearningRate * factor ** Math.floor(epoch / dropEvery);
  }
}

/** Configuration of CosineDecay, with Keras 3's optional linear warmup. */
export interface CosineDecayConfig {
  initialLearningRate: number;
  /** Steps over which the rate decays after warmup. */
  decaySteps: number;
  /** Final rate as a fraction of the decay's starting rate. Default 0. */
  alpha?: number;
  /** Warmup steps, rising linearly from initialLearningRate to warmupTarget. Default 0. */
  warmupSteps?: number;
  /** Rate reached at the end of warmup (and where the cosine starts). Default: no warmup. */
  warmupTarget?: number;
}

/** Cosine decay with optional linear warmup (Keras `CosineDecay` semantics), per optimizer step. */
export class CosineDecay implements LearningRateSchedule {
  private readonly alpha: number;
  private readonly warmupSteps: number;

  constructor(private readonly config: CosineDecayConfig) {
    if (!(config.initialLearningRate >= 0)) {
      throw new Error(`CosineDecay initialLearningRate must be >= 0, got ${config.initialLearningRate}`);
    }
    if (!Number.isInteger(config.decaySteps) || config.decaySteps < 1) {
      throw new Error(`CosineDecay decaySteps must be a positive integer, got ${config.decaySteps}`);
    }
    this.alpha = config.alpha ?? 0;
    this.warmupSteps = config.warmupSteps ?? 0;
    if (this.warmupSteps > 0 && config.warmupTarget === undefined) {
      throw new Error('CosineDecay warmupSteps needs a warmupTarget (the rate reached after warmup)');
    }
  }

  learningRate(step: number): number {
    const { initialLearningRate, decaySteps, warmupTarget } = this.config;
    if (step < this.warmupSteps) {
      return initialLearningRate + ((warmupTarget! - initialLearningRate) * step) / this.warmupSteps;
    }
    const from = warmupTarget ?? initialLearningRate;
    const fraction = Math.min(step - this.warmupSteps, decaySteps) / decaySteps;
    const cosine = 0.5 * (1 + Math.cos(Math.PI * fraction));
    return from * ((1 - this.alpha) * cosine + this.alpha);
  }
}

/** Configuration of ReduceLROnPlateau (Keras names and defaults). */
export interface ReduceLROnPlateauConfig {
  initialLearningRate: number;
  /** Epoch-log key to watch, e.g. 'val_accuracy' or 'val_loss'. Default 'val_loss'. */
  monitor?: string;
  /** Multiplier applied when the monitor stalls. Default 0.1. */
  factor?: number;
  /** Epochs without improvement before reducing. Default 10. */
  patience?: number;
  mode?: MonitorMode | 'auto';
  /** Smallest change that counts as an improvement. Default 1e-4. */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting stalls again. Default 0. */
  cooldown?: number;
  minLearningRate?: number;
}

/**
 * Multiplies the learning rate by `factor` when the monitored metric has not improved for
 * `patience` epochs (Keras `ReduceLROnPlateau`). The seed FER CNN uses
 * `{ monitor: 'val_accuracy', factor: 0.5, patience: 10 }`.
 */
export class ReduceLROnPlateau implements LearningRateSchedule {
  private lr: number;
  private best: number;
  private wait = 0;
  private cooldownCounter = 0;
  private readonly monitor: string;
  private readonly mode: MonitorMode;
  private readonly factor: number;
  private readonly patience: number;
  private readonly minDelta: number;
  private readonly cooldown: number;
  private readonly minLearningRate: number;

  constructor(config: ReduceLROnPlateauConfig) {
    assertPositive(config.initialLearningRate, 'ReduceLROnPlateau initialLearningRate');
    this.lr = config.initialLearningRate;
    this.monitor = config.monitor ?? 'val_loss';
    this.mode = resolveMonitorMode(this.monitor, config.mode);
    this.factor = config.factor ?? 0.1;
    if (!(this.factor > 0 && this.factor < 1))
      throw new Error(`ReduceLROnPlateau factor must be in (0, 1), got ${this.factor}`);
    this.patience = config.patience ?? 10;
    this.minDelta = Math.abs(config.minDelta ?? 1e-4);
    this.cooldown = config.cooldown ?? 0;
    this.minLearningRate = config.minLearningRate ?? 0;
    this.best = this.mode === 'min' ? Infinity : -Infinity;
  }

  learningRate(): number {
    return this.lr;
  }

  onEpochEnd(_epoch: number, logs: Record<string, number>): void {
    const current = readMonitor(logs, this.monitor, 'ReduceLROnPlateau');
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.wait = 0;
    }
    if (isImprovement(current, this.best, this.mode, this.minDelta)) {
      this.best = current;
      this.wait = 0;
    } else if (this.cooldownCounter === 0) {
      this.wait++;
      if (this.wait >= this.patience && this.lr > this.minLearningRate) {
        this.lr = Math.max(this.lr * this.factor, this.minLearningRate);
        this.cooldownCounter = this.cooldown;
        this.wait = 0;
      }
    }
  }

  getState(): ScheduleState {
    return { lr: this.lr, best: this.best, wait: this.wait, cooldownCounter: this.cooldownCounter };
  }

  setState(state: ScheduleState): void {
    this.lr = state.lr;
    this.best = state.best;
    this.wait = state.wait;
    this.cooldownCounter = state.cooldownCounter;
  }
}
