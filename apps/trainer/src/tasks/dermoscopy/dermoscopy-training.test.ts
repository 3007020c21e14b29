import { describe, expect, it } from 'vitest';

import { withFinalStep } from './dermoscopy-training';

describe('withFinalStep', () => {
  const fuse = (m: string) => `npm run trainer -- train --task lesion-metadata-fusion --model ${m}`;
  const train = 'npm run trainer -- train --task lesion-classification --init models/a --out models/b';

  it('appends a new step and replaces a rerun of the last one', () => {
    expect(withFinalStep(train, 'lesion-metadata-fusion', fuse('models/b'))).toBe(
      `${train} && ${fuse('models/b')}`,
    );
    expect(withFinalStep(`${train} && ${fuse('models/x')}`, 'lesion-metadata-fusion', fuse('models/b'))).toBe(
      `${train} && ${fuse('models/b')}`,
    );
  });

  it('keeps the same task where it is earlier in the chain (a warm start’s own steps)', () => {
    const chain = `${fuse('models/a')} && ${train}`;
    expect(withFinalStep(chain, 'lesion-metadata-fusion', fuse('models/b'))).toBe(
      `${chain} && ${fuse('models/b')}`,
    );
    // A task whose name extends another's is not the same task.
    expect(withFinalStep(train, 'lesion-class', 'x')).toBe(`${train} && x`);
  });
});
