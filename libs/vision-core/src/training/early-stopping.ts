import { isImprovement, readMonitor, resolveMonitorMode, type MonitorMode } from './monitor';

/** Configuration of EarlyStopping (Keras names and defaults). */
export interface EarlyStoppingConfig {
  /** Epoch-log key to watch. Default 'val_loss'. */
  monitor?: string;
  mode?: MonitorMode | 'auto';
  /** Epochs without improvement before stopping. Default 0. */
  patience?: number;
  /** Smallest change that counts as an improvement. Default 0. */
  minDelta?: number;
  /** Put back the weights of the best epoch when training ends. Default false. */
  restoreBestWeights?: boolean;
}

/** Serializable EarlyStopping state, saved in checkpoints. */
export interface EarlyStoppingState {
  best: number;
  bestEpoch: number;
  wait: number;
}

/**
 * Stops training when the monitored metric has not improved for `patience` epochs (Keras
 * `EarlyStopping`). The training loop keeps the best epoch's weights when restoreBestWeights is set.
 */
export class EarlyStopping {
  readonly monitor: string;
  readonly mode: MonitorMode;
  readonly patience: number;
  readonly minDelta: number;
  readonly restoreBestWeights: boolean;
  private state: EarlyStoppingState;

  constructor(config: EarlyStoppingConfig = {}) {
    this.monitor = config.monitor ?? 'val_loss';
    this.mode = resolveMonitorMode(this.monitor, config.mode);
    this.patience = config.patience ?? 0;
    if (!Number.isInteger(this.patience) || this.patience < 0) {
      throw new Error(`EarlyStopping patience must be a non-negative integer, got ${this.patience}`);
    }
    this.minDelta = Math.abs(config.minDelta ?? 0);
    this.restoreBestWeights = config.restoreBestWeights ?? false;
    this.state = { best: this.mode === 'min' ? Infinity : -Infinity, bestEpoch: -1, wait: 0 };
  }

  /** Epoch (0-based) with the best monitored value so far; -1 before the first epoch. */
  get bestEpoch(): number {
    return this.state.bestEpoch;
  }

  /** Records an epoch; says whether it is the new best and whether training should stop. */
  update(epoch: number, logs: Record<string, number>): { improved: boolean; stop: boolean } {
    const current = readMonitor(logs, this.monitor, 'EarlyStopping');
    if (isImprovement(current, this.state.best, this.mode, this.minDelta)) {
      this.state = { best: current, bestEpoch: epoch, wait: 0 };
      return { improved: true, stop: false };
    }
    this.state.wait++;
    return { improved: false, stop: this.state.wait >= this.patience };
  }

  getState(): EarlyStoppingState {
    return { ...this.state };
  }

  setState(state: EarlyStoppingState): void {
    this.state = { ...state };
  }
}
