import {
  CKPLUS_CLASSES,
  FER2013_CLASSES,
  JAFFE_CLASSES,
  VALENCE_4_GROUPING,
  type Emotion,
} from '@visioncad/fer';
import * as tf from '@tensorflow/tfjs';
import { createRasterImage } from '@visioncad/vision-core/image';
import { describe, expect, it } from 'vitest';
import type { FerFace } from './fer-datasets';
import { facesToBatch, inputFrames, partitionScores, scoreFer } from './fer-evaluation';
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

describe('partitionScores', () => {
  it('reports PublicTest and PrivateTest apart, and nothing per partition for data without them', () => {
    const faces = [
      { ...face('happy', 0), usage: 'PublicTest' as const },
      { ...face('sad', 1), usage: 'PublicTest' as const },
      { ...face('happy', 2), usage: 'PrivateTest' as const },
      { ...face('sad', 3), usage: 'PrivateTest' as const },
    ];
    const onehot = (k: number) => FER2013_CLASSES.map((_, j) => (j === k ? 1 : 0));
    const [happy, sad] = [FER2013_CLASSES.indexOf('happy'), FER2013_CLASSES.indexOf('sad')];
    // Both right on PublicTest; on PrivateTest the sad face is read as happy.
    const probs = [onehot(happy), onehot(sad), onehot(happy), onehot(happy)];
    const parts = partitionScores(FER2013_CLASSES, FER2013_CLASSES, faces, probs);
    expect(parts?.PublicTest).toMatchObject({ n: 2, accuracy: 1 });
    expect(parts?.PrivateTest).toMatchObject({ n: 2, accuracy: 0.5 });
    const posed = ['S001', 'S002'].map((subject, i) => ({ ...face('happy', i), subject }));
    expect(
      partitionScores(
        FER2013_CLASSES,
        CKPLUS_CLASSES,
        posed,
        posed.map(() => onehot(happy)),
      ),
    ).toBeUndefined();
  });
});

describe('inputFrames and facesToBatch', () => {
  it('reads the frames a model takes and stacks sequence frames as channels', () => {
    const model = (channels: number) =>
      tf.sequential({ layers: [tf.layers.flatten({ inputShape: [2, 2, channels] })] });
    expect([inputFrames(model(1)), inputFrames(model(3))]).toEqual([1, 3]);
    const sequence: FerFace = { ...face('happy', 0), image: createRasterImage(2, 2, 3) };
    expect(facesToBatch([sequence, sequence]).shape).toEqual([2, 2, 2, 3]);
  });
});
