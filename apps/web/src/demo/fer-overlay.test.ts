import { describe, expect, it } from 'vitest';
import { boxSourceNote } from './fer-overlay';

describe('boxSourceNote', () => {
  it('says whether the boxes were detected or tracked, and since when', () => {
    expect(boxSourceNote({ source: 'detection', framesSinceDetection: 0 })).toBe('detected');
    expect(boxSourceNote({ source: 'tracking', framesSinceDetection: 1 })).toBe(
      'tracked, 1 frame since detection',
    );
    expect(boxSourceNote({ source: 'tracking', framesSinceDetection: 4 })).toBe(
      'tracked, 4 frames since detection',
    );
    expect(boxSourceNote({ source: 'none', framesSinceDetection: null })).toBe('no face');
  });
});
