import { describe, expect, it } from 'vitest';
import { balancedClassWeights, sampleWeightsFromLabels } from './class-weights';
import { EarlyStopping } from './early-stopping';
import { CosineDecay, ReduceLROnPlateau, StepDecay } from './lr-schedules';

describe('learning-rate schedules', () => {
  it('StepDecay multiplies by the factor every dropEvery epochs', () => {
    const s = new StepDecay({ initialLearningRate: 0.1, dropEvery: 10, factor: 0.5 });
    expect([0, 9, 10, 25].map((e) => s.learningRate(0, e))).toEqual([0.1, 0.1, 0.05, 0.025]);
  });

  it('CosineDecay warms up linearly then follows a half cosine down to alpha', () => {
    const s = new CosineDecay({
      initialLearningRate: 0,
      warmupTarget: 0.1,
      warmupSteps: 10,
      decaySteps: 100,
      alpha: 0.1,
    });
    expect(s.learningRate(0)).toBe(0);
    expect(s.learningRate(5)).toBeCloseTo(0.05, 12);
    expect(s.learningRate(10)).toBeCloseTo(0.1, 12);
    expect(s.learningRate(60)).toBeCloseTo(0.1 * (0.9 * 0.5 + 0.1), 12);
    expect(s.learningRate(110)).toBeCloseTo(0.01, 12);
    expect(s.learningRate(500)).toBeCloseTo(0.01, 12);
    expect(() => new CosineDecay({ initialLearningRate: 0.1, decaySteps: 10, warmupSteps: 5 })).toThrow(
      'warmupTarget',
    );
  });

  it('ReduceLROnPlateau halves the rate after `patience` stalled epochs (seed FER CNN rule)', () => {
    const s = new ReduceLROnPlateau({
      initialLearningRate: 0.1,
      monitor: 'val_accuracy',
      factor: 0.5,
      patience: 2,
    });
    const acc = [0.5, 0.6, 0.6, 0.6, 0.55, 0.7, 0.7, 0.7];
    const lrs = acc.map((a, epoch) => {
      s.onEpochEnd(epoch, { epoch, val_accuracy: a });
      return s.learningRate();
    });
    expect(lrs).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025]);
  });

  it('ReduceLROnPlateau respects minDelta, cooldown, minLearningRate and restores its state', () => {
    const s = new ReduceLROnPlateau({
      initialLearningRate: 1,
      patience: 1,
      factor: 0.1,
      cooldown: 2,
      minDelta: 0.1,
      minLearningRate: 0.05,
    });
    const losses = [1, 0.95, 0.95, 0.95, 0.95];
    const lrs = losses.map((val_loss, epoch) => {
      s.onEpochEnd(epoch, { epoch, val_loss });
      return s.learningRate();
    });
    // 0.95 is not 0.1 better than 1 -> reduce; epoch 2 is cooldown; epoch 3 stalls again -> the 0.05 floor.
    expect(lrs).toEqual([1, 0.1, 0.1, 0.05, 0.05]);
    const copy = new ReduceLROnPlateau({ initialLearningRate: 1, patience: 1 });
    copy.setState(s.getState());
    expect(copy.learningRate()).toBe(0.05);
  });

  it('names the available keys when the monitor is missing', () => {
    const s = new ReduceLROnPlateau({ initialLearningRate: 1, monitor: 'val_auc' });
    expect(() => s.onEpochEnd(0, { epoch: 0, loss: 1, val_loss: 2 })).toThrow(
      "ReduceLROnPlateau monitors 'val_auc', which is not in the epoch log (available: epoch, loss, val_loss)",
    );
  });
});

describe('EarlyStopping', () => {
  it('stops after `patience` epochs without an improvement larger than minDelta', () => {
    const es = new EarlyStopping({ monitor: 'val_loss', patience: 2, minDelta: 0.01 });
    const out = [1, 0.8, 0.795, 0.79, 0.7].map((v, epoch) => es.update(epoch, { epoch, val_loss: v }));
    expect(out.map((o) => o.improved)).toEqual([true, true, false, false, true]);
    expect(out.map((o) => o.stop)).toEqual([false, false, false, true, false]);
    expect(es.bestEpoch).toBe(4);
  });

  it('maximises accuracy-like monitors in auto mode and treats NaN as no improvement', () => {
    const es = new EarlyStopping({ monitor: 'val_accuracy', patience: 1 });
    expect(es.mode).toBe('max');
    expect(es.update(0, { epoch: 0, val_accuracy: 0.5 }).improved).toBe(true);
    expect(es.update(1, { epoch: 1, val_accuracy: NaN })).toEqual({ improved: false, stop: true });
  });

  it('restores its state', () => {
    const es = new EarlyStopping({ patience: 3 });
    es.update(0, { epoch: 0, val_loss: 1 });
    es.update(1, { epoch: 1, val_loss: 2 });
    const copy = new EarlyStopping({ patience: 3 });
    copy.setState(es.getState());
    expect(copy.getState()).toEqual({ best: 1, bestEpoch: 0, wait: 1 });
  });
});

describe('class weights', () => {
  it('balanced weights are n / (k * count)', () => {
    const w = balancedClassWeights([6, 3, 3]);
    expect(w[0]).toBeCloseTo(12 / 18, 12);
    expect(w[1]).toBeCloseTo(12 / 9, 12);
    // Every class then carries the same total weight.
    expect(6 * w[0]).toBeCloseTo(3 * w[1], 12);
  });

  it('refuses classes without samples and maps labels to weights', () => {
    expect(() => balancedClassWeights([4, 0, 2])).toThrow('classes 1 have no training samples');
    expect(Array.from(sampleWeightsFromLabels([2, 0], [0.5, 1, 3]))).toEqual([3, 0.5]);
    expect(() => sampleWeightsFromLabels([3], [1, 1])).toThrow('label 3 has no class weight');
  });
});
