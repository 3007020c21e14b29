import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generatedModule } from './assemble-simd-kernels';

describe('simd-kernels-wasm.ts', () => {
  it('is the assembly of simd-kernels.wat (rerun assemble-simd-kernels.ts after editing the .wat)', async () => {
    const committed = await readFile(
      fileURLToPath(new URL('./simd-kernels-wasm.ts', import.meta.url)),
      'utf8',
    );
    expect(committed).toBe(await generatedModule());
  });
});
