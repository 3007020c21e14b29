import { describe, expect, it } from 'vitest';

import { parseJaffeFileName } from './jaffe';

describe('parseJaffeFileName', () => {
  it('reads poser, expression, repetition and id', () => {
    expect(parseJaffeFileName('KA.AN1.39.tiff', 'p')).toEqual({
      subject: 'KA',
      emotion: 'angry',
      repetition: 1,
      id: 39,
    });
    expect(parseJaffeFileName('NM.NE3.155.tif', 'p')).toMatchObject({ subject: 'NM', emotion: 'neutral' });
  });

  it('rejects unknown expression codes and other names, naming the file', () => {
    expect(() => parseJaffeFileName('KA.XX1.39.tiff', 'jaffe/KA.XX1.39.tiff')).toThrow(
      /jaffe\/KA.XX1.39.tiff: unknown jaffe emotion "XX"; expected one of an, di, fe, ha, ne, sa, su/,
    );
    expect(() => parseJaffeFileName('KA_AN1_39.tiff', 'x')).toThrow(/not a JAFFE image name/);
  });
});
