import {
  CKPLUS_CLASSES,
  FER2013_CLASSES,
  JAFFE_CLASSES,
  VALENCE_4_GROUPING,
  type Emotion,
} from '@visioncad/fer';
import { createRasterImage } from '@visioncad/vision-core/image';
import { describe, expect, it } from 'vitest';
import type { FerFace } from './fer-datasets';
import { scoreFer } from './fer-evaluation';
import { ferLabelIndex } from './fer-labels';

const face = (emotion: Emotion, i: number): FerFace => ({
  source: `${emotion}-${i}`,
  image: createRasterImage(2, 2, 1),
  emotion,
});

describe('scoreFer', () => {
  it('skips emotions the model cannot output and scores only the classes both sides know', () => {
    // A FER2013 model (no contempt) on CK+ (no neutral): contempt faces are skipped, neutral is not scored.
    const faces = [face('happy', 0), face('contempt', 1), face('sad', 2)];
    const neutralHeavy = (k: number) =>
      FER2013_CLASSES.map((_, j) => (j === 6 ? 0.5 : j === k ? 0.3 : 0.2 / 5));
    const probs = [neutralHeavy(3), neutralHeavy(3), neutralHeavy(0)];
    const { report, skipped, probabilities } = scoreFer(FER2013_CLASSES, CKPLUS_CLASSES, faces, probs);
    expect(skipped).toBe(1);
    expect(report.labels).toEqual(['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise']);
    expect(report.n).toBe(2);
    // neutral's 0.5 is dropped and the rest renormalised, so happy (0.3) is the top class.
    expect(report.perClass.happy.recall).toBe(1);
    expect(report.perClass.sad.recall).toBe(0);
    expect(probabilities[0].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('maps emotions to valence groups for a 4-label model', () => {
    const groups = [...VALENCE_4_GROUPING.groups];
    expect(ferLabelIndex(groups, 'disgust')).toBe(groups.indexOf('negative'));
    expect(ferLabelIndex(FER2013_CLASSES, 'contempt')).toBe(-1);
    const faces = [face('angry', 0), face('happy', 1), face('neutral', 2), face('surprise', 3)];
    const onehot = (g: string) => groups.map((x) => (x === g ? 1 : 0));
    const probs = [onehot('negative'), onehot('positive'), onehot('neutral'), onehot('negative')];
    const { report } = scoreFer(groups, JAFFE_CLASSES, faces, probs);
    expect(report.accuracy).toBe(0.75);
    expect(report.confusionMatrix.flat().reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('refuses a model that shares fewer than two classes with the data', () => {
    expect(() => scoreFer(['contempt', 'other'], FER2013_CLASSES, [face('happy', 0)], [[0.5, 0.5]])).toThrow(
      /fewer than two classes/,
    );
  });
});
