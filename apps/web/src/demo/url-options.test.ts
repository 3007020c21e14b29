import { describe, expect, it } from 'vitest';
import { backendOverride, detectionModeOption, landmarksOption } from './url-options';

describe('url options', () => {
  it('reads ?backend= and ?detection=', () => {
    expect(backendOverride('?backend=wasm')).toBe('wasm');
    expect(backendOverride('')).toBeNull();
    expect(detectionModeOption('')).toBe('worker');
    expect(detectionModeOption('?detection=every')).toBe('every');
    expect(() => detectionModeOption('?detection=fast')).toThrow(/worker, interval, every; got 'fast'/);
  });

  it('reads ?landmarks= (on unless off)', () => {
    expect(landmarksOption('')).toBe(true);
    expect(landmarksOption('?landmarks=off')).toBe(false);
    expect(landmarksOption('?landmarks=on&detection=every')).toBe(true);
    expect(() => landmarksOption('?landmarks=yes')).toThrow(/on or off; got 'yes'/);
  });
});
