import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';

import { CLINICAL_FEATURE_NAMES, type ClinicalMetadata } from './clinical-metadata';
import { fitFusionWeight } from './fit-metadata-fusion';
import {
  fuseClinicalMetadata,
  metadataLogProbabilities,
  parseMetadataFusion,
  type MetadataFusion,
} from './metadata-fusion';
import { fitMetadataRegression } from './metadata-regression';

// Synthetic cohort: class 1 ("keratosis") is old patients' face lesions, class 0 everything else;
// the image classifier alone is unsure (60/40 either way), so the metadata carries the signal.
function cohort(n: number, seed: string) {
  const random = seedrandom(seed);
  const metadata: ClinicalMetadata[] = [];
  const y: number[] = [];
  const imageProbs: number[][] = [];
  for (let i = 0; i < n; i++) {
    const label = random() < 0.3 ? 1 : 0;
    metadata.push({
      ageYears: label === 1 ? 65 + Math.floor(random() * 25) : 20 + Math.floor(random() * 40),
      sex: random() < 0.5 ? 'male' : 'female',
      site: label === 1 ? (random() < 0.8 ? 'face' : 'back') : random() < 0.1 ? 'face' : 'back',
    });
    y.push(label);
    const p = random() < 0.65 ? (label === 1 ? 0.6 : 0.4) : label === 1 ? 0.4 : 0.6;
    imageProbs.push([1 - p, p]);
  }
  return { metadata, y, imageProbs };
}

const accuracy = (top: number[], y: number[]) => top.filter((t, i) => t === y[i]).length / y.length;

describe('clinical-metadata fusion', () => {
  const train = cohort(400, 'train');
  const regression = fitMetadataRegression(train.metadata, train.y, 2);
  const base: MetadataFusion = {
    kind: 'clinical-metadata-fusion',
    labels: ['other', 'keratosis'],
    features: [...CLINICAL_FEATURE_NAMES],
    weights: regression.weights,
    bias: regression.bias,
    metadataWeight: 0,
    temperature: 1,
    decisionOffsets: null,
    fittedOn: 'synthetic',
  };

  it('learns the metadata signal, and a missing field falls back to the others', () => {
    const old = metadataLogProbabilities(base, { ageYears: 80, sex: 'male', site: 'face' }).map(Math.exp);
    const young = metadataLogProbabilities(base, { ageYears: 25, sex: 'male', site: 'back' }).map(Math.exp);
    expect(old[1]).toBeGreaterThan(0.9);
    expect(young[1]).toBeLessThan(0.1);
    const ageOnly = metadataLogProbabilities(base, { ageYears: 80, sex: null, site: null }).map(Math.exp);
    expect(ageOnly[1]).toBeGreaterThan(0.8);
    expect(old.reduce((a, b) => a + b)).toBeCloseTo(1, 6);
  });

  it('gives the metadata weight on validation and beats the image alone on test', () => {
    const val = cohort(300, 'val');
    const valMeta = val.metadata.map((m) => metadataLogProbabilities(base, m));
    const fit = fitFusionWeight(val.imageProbs, valMeta, val.y);
    expect(fit.metadataWeight).toBeGreaterThan(0);
    expect(fit.grid[0].metadataWeight).toBe(0);
    expect(Math.min(...fit.grid.map((g) => g.balancedNll))).toBe(
      fit.grid.find((g) => g.metadataWeight === fit.metadataWeight)!.balancedNll,
    );
    const fusion = { ...base, metadataWeight: fit.metadataWeight, temperature: fit.temperature };
    const test = cohort(300, 'test');
    const fused = test.imageProbs.map((p, i) => fuseClinicalMetadata(p, test.metadata[i], fusion));
    const imageTop = test.imageProbs.map((p) => (p[1] > p[0] ? 1 : 0));
    expect(accuracy(imageTop, test.y)).toBeLessThan(0.75);
    expect(
      accuracy(
        fused.map((f) => f.top),
        test.y,
      ),
    ).toBeGreaterThan(0.95);
    expect(fused[0].probabilities.reduce((a, b) => a + b)).toBeCloseTo(1, 6);
  });

  it('ignores metadata that carries nothing: weight 0 on the grid', () => {
    const val = cohort(300, 'noise');
    const shuffled = val.metadata.map((_, i) => val.metadata[(i * 7919) % val.metadata.length]);
    const random = seedrandom('flip');
    const y = val.y.map(() => (random() < 0.3 ? 1 : 0));
    const probs = y.map((label) => (label === 1 ? [0.3, 0.7] : [0.7, 0.3]));
    const fit = fitFusionWeight(
      probs,
      shuffled.map((m) => metadataLogProbabilities(base, m)),
      y,
    );
    expect(fit.metadataWeight).toBeLessThanOrEqual(0.1);
  });

  it('refuses a fusion file that does not fit the classifier, naming the file and field', () => {
    const json = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
    expect(parseMetadataFusion(json, 'm/metadata-fusion.json', ['other', 'keratosis']).weights).toEqual(
      base.weights,
    );
    expect(() => parseMetadataFusion(json, 'm/metadata-fusion.json', ['a', 'b'])).toThrow(
      /m\/metadata-fusion.json: "labels"/,
    );
    expect(() =>
      parseMetadataFusion({ ...json, features: ['age'] }, 'f.json', ['other', 'keratosis']),
    ).toThrow(/"features" .* refit/);
    expect(() => parseMetadataFusion({ ...json, bias: [1] }, 'f.json', ['other', 'keratosis'])).toThrow(
      /"bias" must be 2/,
    );
    expect(() => parseMetadataFusion({ ...json, temperature: 0 }, 'f.json', ['other', 'keratosis'])).toThrow(
      /"temperature"/,
    );
    expect(() => parseMetadataFusion([], 'f.json', ['other', 'keratosis'])).toThrow(
      /f.json: must be a JSON object/,
    );
    expect(() => fuseClinicalMetadata([1], { ageYears: null, sex: null, site: null }, base)).toThrow(
      /1 probabilities .* 2 labels/,
    );
  });

  it('refuses labels without training rows', () => {
    expect(() => fitMetadataRegression(train.metadata.slice(0, 2), [0, 0], 2)).toThrow(
      /classes 1 have no training rows/,
    );
    expect(() => fitMetadataRegression(train.metadata.slice(0, 2), [0], 2)).toThrow(/2 rows but y has 1/);
  });
});
