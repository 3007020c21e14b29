// A trainable task (fer, lesion-segmentation, ...) plugs into the CLI by implementing this and
// being listed in tasks/index.ts; the CLI itself never switches on task names.
import type { ModelCard } from '@visioncad/vision-core/models';

export interface EvaluateRequest {
  /** Directory holding model.json, weights and card.json. */
  modelDir: string;
  card: ModelCard;
  /** Dataset folder or file given with --data. */
  data: string;
  /** Dataset format given with --format; the task picks a default when absent. */
  format?: string;
  /** Evaluate on at most this many samples (quick checks); all when absent. */
  limit?: number;
  /** Where metrics JSON goes; plots are written beside it with the same stem. */
  out: string;
}

export interface TrainerTask {
  /** Task key: matches card.json "task" and models/registry.json keys. */
  name: string;
  description: string;
  /** Dataset formats `evaluate --format` accepts for this task. */
  formats: string[];
  /** Runs `trainer train --task <name> ...rest`; parses its own options from `args`. */
  train(args: string[]): Promise<void>;
  /** Scores a trained model on a dataset, writes its plots beside `out`, returns the metrics JSON. */
  evaluate(request: EvaluateRequest): Promise<Record<string, unknown>>;
  /** Usage lines for `trainer train --task <name> --help`. */
  usage: string;
}
