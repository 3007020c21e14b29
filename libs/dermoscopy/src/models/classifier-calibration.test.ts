import { describe, expect, it } from 'vitest';

import { decideDiagnosis, parseClassifierCalibration } from './classifier-calibration';

const labels = ['mel', 'nv', 'vasc'];
const file = 'models/x/calibration.json';

describe('parseClassifierCalibration', () => {
  it('reads a temperature-only file (older models) as the most-probable rule', () => {
    expect(parseClassifierCalibration({ temperature: 1.2 }, file, labels)).toEqual({
      temperature: 1.2,
      decisionRule: null,
    });
  });

  it('reads a logit-adjustment rule whose labels match the card', () => {
    const parsed = parseClassifierCalibration(
      {
        temperature: 0.9,
        decisionRule: { kind: 'logit-adjustment', labels, offsets: [0.5, -1, 0.5], fittedOn: 'validation' },
      },
      file,
      labels,
    );
    expect(parsed.decisionRule).toEqual({
      kind: 'logit-adjustment',
      labels,
      offsets: [0.5, -1, 0.5],
      fittedOn: 'validation',
    });
  });

  it('names the file and field at fault', () => {
    const rule = { kind: 'logit-adjustment', labels, offsets: [0, 0, 0] };
    expect(() => parseClassifierCalibration([], file, labels)).toThrow(`${file}: must be a JSON object`);
    expect(() => parseClassifierCalibration({ temperature: 0 }, file, labels)).toThrow(
      `${file}: "temperature" must be a positive number`,
    );
    expect(() =>
      parseClassifierCalibration({ temperature: 1, decisionRule: { ...rule, kind: 'other' } }, file, labels),
    ).toThrow('"decisionRule.kind" must be "logit-adjustment", got "other"');
    expect(() =>
      parseClassifierCalibration(
        { temperature: 1, decisionRule: { ...rule, labels: ['nv', 'mel', 'vasc'] } },
        file,
        labels,
      ),
    ).toThrow('"decisionRule.labels" must be the model\'s labels in order (mel, nv, vasc)');
    expect(() =>
      parseClassifierCalibration({ temperature: 1, decisionRule: { ...rule, offsets: [0, 'x', 0] } }, file, labels),
    ).toThrow('"decisionRule.offsets" must be 3 finite numbers, one per label');
  });
});

describe('decideDiagnosis', () => {
  it('is the most probable label without offsets and log p + offset with them', () => {
    expect(decideDiagnosis([0.2, 0.7, 0.1])).toBe(1);
    expect(decideDiagnosis([0.2, 0.7, 0.1], null)).toBe(1);
    // log 0.2 + 1.5 = -0.11 > log 0.7 = -0.36: the rarer diagnosis is reported.
    expect(decideDiagnosis([0.2, 0.7, 0.1], [1.5, 0, 0])).toBe(0);
  });
});
