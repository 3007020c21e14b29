import { describe, expect, it } from 'vitest';
import { currentReadings, modelTopLabel, type SignedOffReading } from './agreement-pairs';

function reading(id: string, amendsId: string | null, minute: number, label = 'nv'): SignedOffReading {
  return { id, amendsId, signedOffAt: new Date(Date.UTC(2026, 0, 1, 0, minute)), label, agreement: null };
}

describe('currentReadings', () => {
  it('keeps the last signed-off amendment of each chain and untouched reviews', () => {
    const reviews = [
      reading('r0', null, 0, 'nv'),
      reading('r1', 'r0', 5, 'mel'),
      reading('r2', 'r1', 9, 'bcc'),
      reading('s0', null, 1, 'nv'),
    ];
    expect(currentReadings(reviews).map((r) => [r.id, r.label])).toEqual([
      ['r2', 'bcc'],
      ['s0', 'nv'],
    ]);
  });

  it('counts a chain once when one review was amended twice', () => {
    const reviews = [reading('r0', null, 0), reading('a', 'r0', 3, 'mel'), reading('b', 'r0', 7, 'df')];
    expect(currentReadings(reviews).map((r) => r.id)).toEqual(['b']);
  });

  it('treats an amendment whose original is outside the list as its own chain', () => {
    expect(currentReadings([reading('r1', 'elsewhere', 2)]).map((r) => r.id)).toEqual(['r1']);
  });
});

describe('modelTopLabel', () => {
  it('reads the dermoscopy top label and the single face of a face image', () => {
    expect(modelTopLabel({ kind: 'DERMOSCOPY', topLabel: 'mel' })).toEqual({ label: 'mel' });
    expect(modelTopLabel({ kind: 'FACE', faces: [{ topLabel: 'happy' }] })).toEqual({ label: 'happy' });
  });

  it('leaves out what has no single label, saying why', () => {
    expect(modelTopLabel(null)).toEqual({ missing: 'no-label' });
    expect(modelTopLabel({ request: { pxPerMm: null } })).toEqual({ missing: 'no-label' });
    expect(modelTopLabel({ kind: 'FACE', faces: [] })).toEqual({ missing: 'no-face' });
    expect(modelTopLabel({ kind: 'FACE', faces: [{ topLabel: 'sad' }, { topLabel: 'happy' }] })).toEqual({
      missing: 'several-faces',
    });
  });
});
