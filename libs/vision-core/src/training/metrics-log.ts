/**
 * One epoch's record, with Keras-style keys: loss, accuracy | dice, val_* for validation, lr,
 * img_per_sec (training throughput) and seconds (wall time including validation). epoch is 0-based.
 */
export interface EpochLog {
  epoch: number;
  [key: string]: number;
}

/** Where the loop writes epoch logs (a JSONL file in Node, memory or IndexedDB in a browser). */
export interface MetricsLog {
  /** Replaces the log's content with `history`: empty for a fresh run, the checkpoint's history on resume. */
  reset(history: readonly EpochLog[]): Promise<void>;
  append(entry: EpochLog): Promise<void>;
}

/** A MetricsLog kept in memory. */
export class MemoryMetricsLog implements MetricsLog {
  entries: EpochLog[] = [];

  async reset(history: readonly EpochLog[]): Promise<void> {
    this.entries = history.map((e) => ({ ...e }));
  }

  async append(entry: EpochLog): Promise<void> {
    this.entries.push({ ...entry });
  }
}
