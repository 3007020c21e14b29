import { describe, expect, it } from 'vitest';
import { parseModelCard, renderModelCardMarkdown, type ModelCard } from './model-card';
import { parseModelRegistry, servingRegistryKey } from './model-registry';

const card: ModelCard = {
  name: 'fer-cnn',
  version: '1.0.0',
  task: 'fer',
  architecture: 'seed-000 CNN',
  labels: ['angry', 'happy'],
  input: { width: 48, height: 48, channels: 1, preprocessing: ['grayscale', 'scale 0..1'] },
  data: { dataset: 'FER2013', split: 'Training / PublicTest', trainSize: 10, testSize: 5 },
  command: 'npm run trainer -- train --task fer',
  seed: 7,
  metrics: { publicTest: { accuracy: 0.5, n: 5 } },
  limits: ['frontal faces only'],
  training: { epochs: 1, backend: 'wasm', durationSeconds: 120, parameters: 1234, optimizer: 'Adam' },
  weights: { quantization: 'float16', bytes: 4096 },
  createdAt: '2026-11-24T00:00:00Z',
};

describe('model card', () => {
  it('accepts a complete card and renders its metrics and command', () => {
    expect(parseModelCard(JSON.parse(JSON.stringify(card)), 'card.json')).toEqual(card);
    const md = renderModelCardMarkdown(card);
    expect(md).toContain('- accuracy: 0.5000');
    expect(md).toContain('npm run trainer -- train --task fer');
    expect(md).toContain('1,234 parameters');
  });

  it('names the file and field that is wrong', () => {
    expect(() => parseModelCard({ ...card, labels: [] }, 'models/x/card.json')).toThrow(
      'model card models/x/card.json: field "labels" must be a non-empty array of strings',
    );
    expect(() => parseModelCard({ ...card, input: { ...card.input, channels: 2 } }, 'c.json')).toThrow(
      'field "input.channels" must be 1 or 3',
    );
    const framing = { x: 0.49, y: 0.36, distance: 0.35, measured: 'npm run trainer -- train --task fer-framing' };
    expect(() =>
      parseModelCard({ ...card, input: { ...card.input, faceFraming: { ...framing, distance: 0 } } }, 'c.json'),
    ).toThrow('field "input.faceFraming.distance" must be a fraction of the crop side (distance above 0)');
    expect(() =>
      parseModelCard({ ...card, input: { ...card.input, faceFraming: { ...framing, y: 1.5 } } }, 'c.json'),
    ).toThrow('field "input.faceFraming.y"');
    const rgb = { ...card.input, channels: 3 as const };
    expect(parseModelCard({ ...card, input: { ...rgb, shadesOfGray: { p: 6 } } }, 'c.json').input.shadesOfGray).toEqual({
      p: 6,
    });
    expect(() => parseModelCard({ ...card, input: { ...rgb, shadesOfGray: { p: 0.5 } } }, 'c.json')).toThrow(
      'field "input.shadesOfGray.p" must be a Minkowski norm >= 1',
    );
    expect(() => parseModelCard({ ...card, input: { ...card.input, channels: 1, shadesOfGray: { p: 6 } } }, 'c.json')).toThrow(
      'field "input.shadesOfGray" needs an RGB input (channels 3)',
    );
  });

  it("renders a face model's eye framing", () => {
    const framed = {
      ...card,
      input: { ...card.input, faceFraming: { x: 0.4874, y: 0.3623, distance: 0.3544, measured: 'on 2,000 crops' } },
    };
    expect(parseModelCard(JSON.parse(JSON.stringify(framed)), 'card.json')).toEqual(framed);
    expect(renderModelCardMarkdown(framed)).toContain(
      'Face framing: eye midpoint at (0.487, 0.362), eyes 0.354 apart, as fractions of the crop side; new faces are cut the same way from their landmarks (on 2,000 crops)',
    );
  });
});

describe('model registry', () => {
  it('rejects entries that are not directory names', () => {
    expect(parseModelRegistry({ tasks: { fer: { model: 'fer-cnn' } } }, 'r.json').tasks.fer.model).toBe('fer-cnn');
    expect(() => parseModelRegistry({ tasks: { fer: { model: '../etc' } } }, 'r.json')).toThrow('task "fer"');
    expect(() => parseModelRegistry([], 'r.json')).toThrow('model registry r.json');
  });

  it('serves a task with its ensemble when one is registered, else with the single model', () => {
    const single = { tasks: { fer: { model: 'fer-cnn' } } };
    expect(servingRegistryKey(single, 'fer')).toBe('fer');
    expect(servingRegistryKey({ tasks: { ...single.tasks, 'fer-ensemble': { model: 'fer-ens' } } }, 'fer')).toBe(
      'fer-ensemble',
    );
    expect(servingRegistryKey({ tasks: { 'fer-ensemble': { model: 'fer-ens' } } }, 'fer')).toBe('fer-ensemble');
    expect(servingRegistryKey(single, 'lesion-classification')).toBeUndefined();
  });
});
