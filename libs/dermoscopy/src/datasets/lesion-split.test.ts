import { describe, expect, it } from 'vitest';

import { lesionDisjointSplit } from './lesion-split';

interface Rec {
  lesion: string;
  image: string;
  cls: string;
}

// 200 lesions of class a (1-3 images each) and 40 of class b.
const records: Rec[] = [];
for (let i = 0; i < 240; i++) {
  const cls = i < 200 ? 'a' : 'b';
  for (let k = 0; k < (i % 3) + 1; k++) records.push({ lesion: `L${i}`, image: `I${i}_${k}`, cls });
}
const split = (seed: number, recs = records) =>
  lesionDisjointSplit(
    recs,
    (r) => r.lesion,
    (r) => r.cls,
    { seed },
  );

describe('lesionDisjointSplit', () => {
  it('never puts one lesion in two parts and keeps every image', () => {
    const { train, val, test } = split(1);
    expect(train.length + val.length + test.length).toBe(records.length);
    const partOf = new Map<string, string>();
    for (const [name, part] of Object.entries({ train, val, test })) {
      for (const r of part) {
        expect(partOf.get(r.lesion) ?? name).toBe(name);
        partOf.set(r.lesion, name);
      }
    }
  });

  it('stratifies by class close to the requested fractions', () => {
    const { train, test } = split(2);
    const count = (part: Rec[], cls: string) => part.filter((r) => r.cls === cls).length;
    const total = (cls: string) => count(records, cls);
    expect(count(train, 'a') / total('a')).toBeCloseTo(0.7, 1);
    expect(count(test, 'b') / total('b')).toBeGreaterThan(0.1);
    expect(count(test, 'b') / total('b')).toBeLessThan(0.2);
  });

  it('is deterministic for a seed, independent of record order, and differs across seeds', () => {
    const ids = (s: ReturnType<typeof split>) => s.test.map((r) => r.image).sort();
    expect(ids(split(3))).toEqual(ids(split(3, [...records].reverse())));
    expect(ids(split(3))).not.toEqual(ids(split(4)));
  });

  it('rejects a lesion with two classes and bad fractions', () => {
    const bad = [
      { lesion: 'L1', image: 'x', cls: 'a' },
      { lesion: 'L1', image: 'y', cls: 'b' },
    ];
    expect(() => split(1, bad)).toThrow(/lesion L1 has images of two classes \(a and b\)/);
    expect(() =>
      lesionDisjointSplit(
        records,
        (r) => r.lesion,
        (r) => r.cls,
        { seed: 1, fractions: { train: 0.5, val: 0.2, test: 0.2 } },
      ),
    ).toThrow(/sum to 1/);
  });
});
