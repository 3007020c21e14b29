import { describe, expect, it } from 'vitest';
import type { FerFace } from './fer-datasets';
import { ferSequenceFaces } from './fer-sequences';

const face = (subject: string, sequence: string, frame: number, value: number): FerFace => ({
  source: `happy/${subject}_${sequence}_${frame}.png`,
  image: { width: 2, height: 2, channels: 1, data: new Uint8Array(4).fill(value) },
  emotion: 'happy',
  subject,
  sequence,
  frame,
});

describe('ferSequenceFaces', () => {
  it('stacks the last frames of each sequence as channels, in frame order', () => {
    const faces = [
      face('S001', '002', 12, 30),
      face('S001', '002', 10, 10),
      face('S001', '002', 11, 20),
      face('S001', '002', 9, 5),
      face('S002', '001', 3, 1),
      face('S002', '001', 4, 2),
      face('S002', '001', 5, 3),
    ];
    const sequences = ferSequenceFaces(faces, 3);
    expect(sequences.map((s) => [s.sequence, s.subject, s.emotion])).toEqual([
      ['S001_002', 'S001', 'happy'],
      ['S002_001', 'S002', 'happy'],
    ]);
    expect(sequences[0].image.channels).toBe(3);
    expect(Array.from(sequences[0].image.data.subarray(0, 3))).toEqual([10, 20, 30]);
    expect(sequences[0].source).toContain('sequence S001_002, 3 frames');
  });

  it('names a short sequence and data without sequences', () => {
    expect(() => ferSequenceFaces([face('S003', '001', 1, 0), face('S003', '001', 2, 0)], 3)).toThrow(
      /sequence S003_001 .* has 2 frame\(s\); the model takes 3/,
    );
    expect(() => ferSequenceFaces([{ ...face('S1', '1', 1, 0), sequence: undefined }], 3)).toThrow(
      /needs frames with a subject, sequence and frame number \(--format ckplus48\)/,
    );
  });
});
