import { describe, expect, it } from 'vitest';

import type { Emotion } from '../label-space';
import { ckplusSubjectFolds, ckplusSubjectSplit, groupCkplusSequences, parseCkplusFileName } from './ckplus';

describe('parseCkplusFileName', () => {
  it('reads subject, sequence and frame', () => {
    expect(parseCkplusFileName('S010_004_00000017.png', 'p')).toEqual({
      subject: 'S010',
      sequence: '004',
      frame: 17,
    });
    expect(() => parseCkplusFileName('S010-004.png', 'anger/S010-004.png')).toThrow(
      /anger\/S010-004.png: not a CK\+ frame name/,
    );
  });
});

function frame(subject: string, sequence: string, f: number, emotion: Emotion = 'happy') {
  return { subject, sequence, frame: f, emotion, path: `${emotion}/${subject}_${sequence}_${f}.png` };
}

describe('groupCkplusSequences', () => {
  it('groups frames into sequences in frame order', () => {
    const sequences = groupCkplusSequences([
      frame('S011', '004', 21, 'sad'),
      frame('S010', '004', 19),
      frame('S010', '004', 17),
      frame('S011', '004', 19, 'sad'),
      frame('S010', '004', 18),
    ]);
    expect(sequences.map((s) => [s.id, s.emotion, s.frames.map((f) => f.frame)])).toEqual([
      ['S010_004', 'happy', [17, 18, 19]],
      ['S011_004', 'sad', [19, 21]],
    ]);
  });

  it('rejects a sequence with two labels or a repeated frame', () => {
    expect(() => groupCkplusSequences([frame('S010', '004', 17), frame('S010', '004', 18, 'fear')])).toThrow(
      /sequence S010_004 is labelled both happy and fear/,
    );
    expect(() => groupCkplusSequences([frame('S010', '004', 17), frame('S010', '004', 17)])).toThrow(
      /frame 17 twice/,
    );
  });
});

describe('subject-wise splits', () => {
  const frames = Array.from({ length: 60 }, (_, i) => frame(`S${100 + Math.floor(i / 6)}`, String(i % 2), i));

  it('10-fold CV by subject never shares a subject between train and test', () => {
    const folds = ckplusSubjectFolds(frames, 10, 7);
    expect(folds).toHaveLength(10);
    for (const { train, test } of folds) {
      const testSubjects = new Set(test.map((i) => frames[i].subject));
      expect(testSubjects.size).toBe(1);
      expect(train.some((i) => testSubjects.has(frames[i].subject))).toBe(false);
    }
    expect(ckplusSubjectFolds(frames, 10, 7)).toEqual(folds);
  });

  it('a held-out split keeps whole subjects out', () => {
    const { train, test } = ckplusSubjectSplit(frames, 0.2, 1);
    const testSubjects = new Set(test.map((i) => frames[i].subject));
    expect(testSubjects.size).toBe(2);
    expect(train.some((i) => testSubjects.has(frames[i].subject))).toBe(false);
  });
});
