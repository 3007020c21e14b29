import type { EpochLog } from './metrics-log';

/** Progress after a batch. */
export interface BatchProgress {
  /** Batches done in this epoch, and the epoch's total. */
  batch: number;
  batches: number;
  /** Batches, images and seconds of this epoch since the run (re)started: a resumed epoch starts at 0. */
  sessionBatches: number;
  images: number;
  seconds: number;
  /** Running mean loss (and accuracy) of the epoch. */
  loss: number;
  accuracy?: number;
}

/** What the training loop reports while it runs. */
export interface TrainingProgress {
  epochStart(info: { epoch: number; epochs: number; batches: number; startBatch: number }): void;
  batchEnd(info: BatchProgress): void;
  epochEnd(log: EpochLog): void;
}

/** A text stream such as process.stderr (isTTY and columns are read when present). */
export interface TextSink {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Formats seconds as m:ss or h:mm:ss. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

function formatValue(v: number): string {
  return Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(2);
}

/**
 * Keras-style progress: on a TTY one bar redrawn in place (at most 10 times a second) with loss,
 * img/s and ETA; on a pipe or log file a plain line every `intervalSeconds`, so logs stay readable.
 * Both print one summary line per epoch.
 */
export class ProgressBar implements TrainingProgress {
  private readonly tty: boolean;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private epoch = 0;
  private epochs = 0;
  private lastDraw = -Infinity;

  constructor(
    private readonly sink: TextSink,
    {
      intervalSeconds = 10,
      now = () => performance.now(),
    }: { intervalSeconds?: number; now?: () => number } = {},
  ) {
    this.tty = sink.isTTY === true;
    this.intervalMs = this.tty ? 100 : intervalSeconds * 1000;
    this.now = now;
  }

  epochStart(info: { epoch: number; epochs: number; batches: number; startBatch: number }): void {
    this.epoch = info.epoch;
    this.epochs = info.epochs;
    this.lastDraw = this.now();
    if (info.startBatch > 0 && !this.tty) {
      this.sink.write(
        `epoch ${info.epoch + 1}/${info.epochs}: resuming at batch ${info.startBatch}/${info.batches}\n`,
      );
    }
  }

  batchEnd(info: BatchProgress): void {
    const t = this.now();
    const last = info.batch === info.batches;
    if (t - this.lastDraw < this.intervalMs && !(last && this.tty)) return;
    this.lastDraw = t;
    const rate = info.seconds > 0 ? info.images / info.seconds : 0;
    const perBatch = info.seconds / Math.max(1, info.sessionBatches);
    const eta = formatDuration((info.batches - info.batch) * perBatch);
    const metrics =
      `loss ${formatValue(info.loss)}` +
      (info.accuracy === undefined ? '' : ` acc ${formatValue(info.accuracy)}`);
    const head = `epoch ${this.epoch + 1}/${this.epochs}`;
    const tail = `${info.batch}/${info.batches} ${metrics} ${rate.toFixed(1)} img/s ETA ${eta}`;
    if (!this.tty) {
      this.sink.write(`${head} ${tail}\n`);
      return;
    }
    const width = Math.max(10, Math.min(30, (this.sink.columns ?? 80) - head.length - tail.length - 5));
    const filled = Math.round((width * info.batch) / info.batches);
    const bar =
      '='.repeat(Math.max(0, filled - 1)) +
      (filled > 0 ? (last ? '=' : '>') : '') +
      ' '.repeat(width - filled);
    this.sink.write(`\r${head} [${bar}] ${tail}\x1b[K`);
  }

  epochEnd(log: EpochLog): void {
    const parts = Object.entries(log)
      .filter(([k]) => k !== 'epoch' && k !== 'seconds' && k !== 'steps')
      .map(
        ([k, v]) =>
          `${k} ${k === 'img_per_sec' ? v.toFixed(1) : k === 'averaged_models' ? v : formatValue(v)}`,
      );
    const line = `epoch ${log.epoch + 1}/${this.epochs} ${formatDuration(log.seconds)} - ${parts.join(' - ')}\n`;
    this.sink.write(this.tty ? `\r${line.replace(/\n$/, '')}\x1b[K\n` : line);
  }
}
