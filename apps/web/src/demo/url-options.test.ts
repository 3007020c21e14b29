import { describe, expect, it } from 'vitest';
import { backendOverride, detectionModeOption } from './url-options';

describe('url options', () => {
  it('reads ?backend= and ?detection=', () => {
    expect(backendOverride('?backend=wasm')).toBe('wasm');
    expect(backendOverride('')).toBeNull();
    expect(detectionModeOption('')).toBe('worker');
    expect(detectionModeOption('?detection=every')).toBe('every');
    expect(() => detectionModeOption('?detection=fast')).toThrow(/worker, interval, every; got 'fast'/);
  });
});
