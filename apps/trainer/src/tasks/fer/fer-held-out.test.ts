import { CKPLUS_CLASSES, type Emotion } from '@visioncad/fer';
import { createRasterImage } from '@visioncad/vision-core/image';
import type { ModelCard } from '@visioncad/vision-core/models';
import { describe, expect, it } from 'vitest';
import type { FerDataset, FerFace } from './fer-datasets';
import { evaluationFaces, ferFittedOn } from './fer-held-out';

const face = (emotion: Emotion, i: number): FerFace => ({
  source: `${emotion}-${i}`,
  image: createRasterImage(2, 2, 1),
  emotion,
});
const card = (name: string, dataset: string) => ({ name, data: { dataset } }) as ModelCard;
const ckplus: FerDataset = {
  format: 'ckplus48',
  name: 'CK+48',
  citation: '',
  classes: CKPLUS_CLASSES,
  faces: [1, 2, 3].flatMap((frame) =>
    ['S001', 'S002'].map((subject) => ({ ...face('happy', frame), subject, sequence: '001', frame })),
  ),
};
const fer = (faces: FerFace[]): FerDataset => ({
  ...ckplus,
  format: 'fer2013-folder',
  name: 'FER2013',
  faces,
});
const sources = (chosen: { faces: FerFace[] }) => chosen.faces.map((f) => f.source);

describe('evaluationFaces', () => {
  it("scores FER2013's test partitions (never Training), and every CK+ face for models not fitted on CK+", () => {
    const all = fer([
      { ...face('happy', 0), usage: 'Training' },
      { ...face('sad', 1), usage: 'PublicTest' },
      { ...face('fear', 2), usage: 'PrivateTest' },
    ]);
    const chosen = evaluationFaces(all, 1, [card('a', 'FER2013')], null, 'fer2013/');
    expect(sources(chosen)).toEqual(['sad-1', 'fear-2']);
    expect(chosen.heldOut).toMatchObject({ scored: 2, excluded: 1 });
    expect(chosen.heldOut.rule).toMatch(/PublicTest and PrivateTest faces/);
    // A folder holding PrivateTest alone (test/ of the image release without PublicTest) is scored.
    const privateOnly = fer([{ ...face('fear', 2), usage: 'PrivateTest' }]);
    expect(evaluationFaces(privateOnly, 1, [card('a', 'FER2013')], null, 'x').faces).toHaveLength(1);
    expect(() =>
      evaluationFaces(fer([{ ...face('happy', 0), usage: 'Training' }]), 1, [], null, 'x'),
    ).toThrow('FER2013 (fer2013-folder) has no PublicTest or PrivateTest faces to score');
    const whole = evaluationFaces(ckplus, 1, [card('a', 'FER2013')], null, 'ck/');
    expect(whole.faces).toHaveLength(6);
    expect(whole.heldOut).toEqual({
      rule: 'every face: the model was not fitted on CK+48',
      scored: 6,
      excluded: 0,
    });
    const sample = evaluationFaces(ckplus, 1, [card('a', 'FER2013')], null, 'ck/', 4);
    expect(sample.heldOut).toMatchObject({ scored: 4, excluded: 0 });
    expect(sample.heldOut.rule).toMatch(/a seeded sample of 4 \(--limit\)$/);
  });

  it('scores the subjects outside fitted-on.json, and refuses when every subject was fitted', () => {
    const fitted = ferFittedOn('test', [
      { dataset: 'CK+48', faces: ckplus.faces.filter((f) => f.subject === 'S001') },
    ]);
    const chosen = evaluationFaces(ckplus, 1, [card('svm', 'CK+48')], fitted, 'ck/');
    expect(chosen.faces.map((f) => f.subject)).toEqual(['S002', 'S002', 'S002']);
    expect(chosen.heldOut).toMatchObject({ scored: 3, excluded: 3 });
    expect(chosen.heldOut.rule).toMatch(/subject is not in fitted-on.json \(1 CK\+48 subjects/);
    const everyone = ferFittedOn('test', [{ dataset: 'CK+48', faces: ckplus.faces }]);
    expect(() => evaluationFaces(ckplus, 1, [card('svm', 'CK+48')], everyone, 'ck/')).toThrow(
      'every image of ck/ belongs to a subject the model was fitted on (fitted-on.json): nothing is held out to score',
    );
    const anonymous = { ...ckplus, faces: [...ckplus.faces, face('sad', 9)] };
    expect(() => evaluationFaces(anonymous, 1, [card('svm', 'CK+48')], fitted, 'ck/')).toThrow(
      'sad-9 has no subject, so it cannot be told apart from the CK+48 subjects the model was fitted on',
    );
  });

  it('refuses data a member trained on without a fitted-on list, naming it, and gives sequence models sequences', () => {
    expect(() => evaluationFaces(ckplus, 1, [card('a', 'FER2013'), card('b', 'CK+48')], null, 'ck/')).toThrow(
      /^b was trained on CK\+48 and has no fitted-on.json naming the subjects it saw, so scoring ck\//,
    );
    const sequences = evaluationFaces(ckplus, 3, [card('a', 'FER2013')], null, 'ck/');
    expect(sequences.faces.map((f) => f.sequence)).toEqual(['S001_001', 'S002_001']);
    expect(sequences.heldOut).toMatchObject({ scored: 2, excluded: 0 });
  });
});

describe('ferFittedOn', () => {
  it('lists the subjects per dataset once, sorted, and leaves FER2013 (no subjects) out', () => {
    const list = ferFittedOn('run', [
      { dataset: 'FER2013', faces: [face('happy', 0)] },
      {
        dataset: 'CK+48',
        faces: [
          { ...face('sad', 1), subject: 'S002' },
          { ...face('sad', 2), subject: 'S001' },
        ],
      },
      { dataset: 'JAFFE', faces: [{ ...face('sad', 3), subject: 'KA' }] },
      { dataset: 'CK+48', faces: [{ ...face('sad', 4), subject: 'S002' }] },
    ]);
    expect(list).toEqual({
      note: 'run',
      datasets: {
        'CK+48': { unit: 'subject', ids: ['S001', 'S002'] },
        JAFFE: { unit: 'subject', ids: ['KA'] },
      },
    });
  });
});
