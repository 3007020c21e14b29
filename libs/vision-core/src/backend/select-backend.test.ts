import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { selectBrowserBackend } from './select-backend';

describe('selectBrowserBackend', () => {
  it('falls back from WebGL (absent in Node) to wasm and says why', async () => {
    const lines: string[] = [];
    const choice = await selectBrowserBackend({ log: (line) => lines.push(line) });
    expect(choice.name).toBe('wasm');
    expect(choice.reason).toMatch(/^webgl .*; WebAssembly SIMD/);
    expect(tf.getBackend()).toBe('wasm');
    expect(lines).toHaveLength(1);
  });

  it('honours and validates an override', async () => {
    expect((await selectBrowserBackend({ override: 'cpu', log: () => {} })).name).toBe('cpu');
    await expect(selectBrowserBackend({ override: 'metal', log: () => {} })).rejects.toThrow(
      "backend override is 'metal', expected one of: webgl, wasm, cpu",
    );
  });
});
