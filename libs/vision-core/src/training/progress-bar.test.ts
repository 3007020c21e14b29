import { describe, expect, it } from 'vitest';
import { formatDuration, ProgressBar, type BatchProgress } from './progress-bar';

function recorder(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, sink: { isTTY, columns: 100, write: (s: string) => chunks.push(s) } };
}

const batch = (b: number, seconds: number): BatchProgress => ({
  batch: b,
  batches: 10,
  sessionBatches: b,
  images: b * 32,
  seconds,
  loss: 1.5,
  accuracy: 0.25,
});

describe('ProgressBar', () => {
  it('redraws one line in place on a TTY, throttled, with img/s and ETA', () => {
    let t = 0;
    const { chunks, sink } = recorder(true);
    const bar = new ProgressBar(sink, { now: () => t });
    bar.epochStart({ epoch: 0, epochs: 5, batches: 10, startBatch: 0 });
    t = 50;
    bar.batchEnd(batch(1, 0.05)); // within 100 ms of the last draw: skipped
    t = 200;
    bar.batchEnd(batch(4, 2));
    expect(chunks).toHaveLength(1);
    const ESC_CLEAR_LINE = '\x1b[K';
    expect(chunks[0].startsWith('\r') && chunks[0].endsWith(ESC_CLEAR_LINE)).toBe(true);
    expect(chunks[0].slice(1, -ESC_CLEAR_LINE.length)).toMatch(
      /^epoch 1\/5 \[=+> *\] 4\/10 loss 1\.5000 acc 0\.2500 64\.0 img\/s ETA 0:03$/,
    );
    bar.epochEnd({ epoch: 0, loss: 1.2, val_accuracy: 0.5, img_per_sec: 64, seconds: 65, steps: 10 });
    expect(chunks[1]).toBe('\repoch 1/5 1:05 - loss 1.2000 - val_accuracy 0.5000 - img_per_sec 64.0\x1b[K\n');
  });

  it('prints plain periodic lines when not a TTY', () => {
    let t = 0;
    const { chunks, sink } = recorder(false);
    const bar = new ProgressBar(sink, { intervalSeconds: 10, now: () => t });
    bar.epochStart({ epoch: 2, epochs: 5, batches: 10, startBatch: 3 });
    for (let b = 4; b <= 10; b++) {
      t += 4000;
      bar.batchEnd(batch(b, t / 1000));
    }
    expect(chunks[0]).toBe('epoch 3/5: resuming at batch 3/10\n');
    // Every 10 s of a 28 s epoch: two lines, no carriage returns or escape codes.
    expect(chunks.slice(1)).toHaveLength(2);
    expect(chunks.every((c) => !c.includes('\r') && !c.includes('\x1b') && c.endsWith('\n'))).toBe(true);
  });

  it('formats durations', () => {
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(Infinity)).toBe('?');
  });
});
