import { describe, expect, it } from 'vitest';

import {
  CKPLUS_CLASSES,
  classIndex,
  defineEmotionGrouping,
  EMOTIONS,
  FER2013_CLASSES,
  groupEmotion,
  groupProbabilities,
  JAFFE_CLASSES,
  registerEmotionVocabulary,
  toEmotion,
  VALENCE_4_GROUPING,
} from './label-space';

describe('label space', () => {
  it('keeps FER2013 code order: 0=angry ... 6=neutral, contempt last', () => {
    expect(FER2013_CLASSES).toEqual(['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']);
    expect(EMOTIONS[7]).toBe('contempt');
    expect(CKPLUS_CLASSES).not.toContain('neutral');
    expect(JAFFE_CLASSES).not.toContain('contempt');
  });

  it("maps each dataset's names to canonical labels, case-insensitively", () => {
    expect(toEmotion('ckplus', 'anger')).toBe('angry');
    expect(toEmotion('ckplus', 'sadness')).toBe('sad');
    expect(toEmotion('jaffe', 'SU')).toBe('surprise');
    expect(toEmotion('jaffe', 'ne')).toBe('neutral');
    expect(toEmotion('face-api', 'fearful')).toBe('fear');
    expect(toEmotion('fer2013', 'Happy')).toBe('happy');
  });

  it('names the source and the expected names for an unknown label', () => {
    expect(() => toEmotion('ckplus', 'joy', 'CK+48/joy')).toThrow(
      'CK+48/joy: unknown ckplus emotion "joy"; expected one of anger, contempt, disgust, fear, happy, sadness, surprise',
    );
    expect(() => toEmotion('affectnet', 'happy')).toThrow(/unknown emotion vocabulary "affectnet"/);
  });

  it('registers new vocabularies once, with canonical targets only', () => {
    registerEmotionVocabulary('test-vocab', { joy: 'happy' });
    expect(toEmotion('test-vocab', 'JOY')).toBe('happy');
    expect(() => registerEmotionVocabulary('test-vocab', {})).toThrow(/already registered/);
    expect(() => registerEmotionVocabulary('bad', { x: 'elated' as never })).toThrow(
      /not a canonical emotion/,
    );
  });

  it('finds class indices and rejects labels outside the class list', () => {
    expect(classIndex(FER2013_CLASSES, 'neutral')).toBe(6);
    expect(() => classIndex(FER2013_CLASSES, 'contempt', 'S005_001')).toThrow(
      /S005_001: "contempt" is not one of/,
    );
  });
});

describe('emotion grouping', () => {
  it('the valence-4 grouping covers all eight emotions in four groups', () => {
    expect(VALENCE_4_GROUPING.groups).toEqual(['positive', 'negative', 'surprise', 'neutral']);
    for (const e of EMOTIONS)
      expect(VALENCE_4_GROUPING.groups).toContain(groupEmotion(VALENCE_4_GROUPING, e));
    expect(groupEmotion(VALENCE_4_GROUPING, 'contempt')).toBe('negative');
  });

  it('sums probabilities into groups', () => {
    const p = groupProbabilities(VALENCE_4_GROUPING, FER2013_CLASSES, [0.1, 0.05, 0.05, 0.4, 0.1, 0.2, 0.1]);
    expect(Array.from(p).map((v) => +v.toFixed(10))).toEqual([0.4, 0.3, 0.2, 0.1]);
    expect(() => groupProbabilities(VALENCE_4_GROUPING, FER2013_CLASSES, [1])).toThrow(
      /1 probabilities for 7/,
    );
  });

  it('rejects overlapping or empty groups and ungrouped emotions', () => {
    expect(() => defineEmotionGrouping('x', { a: ['happy'], b: ['happy'] })).toThrow(
      /"happy" is in both "a" and "b"/,
    );
    expect(() => defineEmotionGrouping('x', { a: [] })).toThrow(/group "a" is empty/);
    const partial = defineEmotionGrouping('pos-neg', { positive: ['happy'], negative: ['sad', 'angry'] });
    expect(() => groupEmotion(partial, 'fear')).toThrow(/does not place "fear"/);
  });
});
