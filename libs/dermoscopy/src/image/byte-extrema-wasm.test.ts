import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { generatedByteExtremaModule } from './assemble-byte-extrema.node';

describe('byte-extrema-wasm.ts', () => {
  it('is the assembly of byte-extrema.wat (rerun assemble-byte-extrema.node.ts after editing the .wat)', async () => {
    const committed = await readFile(
      fileURLToPath(new URL('./byte-extrema-wasm.ts', import.meta.url)),
      'utf8',
    );
    expect(committed).toBe(await generatedByteExtremaModule());
  });
});
