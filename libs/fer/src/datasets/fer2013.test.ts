import { describe, expect, it } from 'vitest';

import { fer2013UsageFromFileName, parseFer2013Record } from './fer2013';

const pixels = (n = 2304, v = (i: number) => i % 256) => Array.from({ length: n }, (_, i) => v(i)).join(' ');

describe('parseFer2013Record', () => {
  it('decodes a row into a 48x48 gray image with its emotion and partition', () => {
    const s = parseFer2013Record({ emotion: '3', pixels: pixels(), Usage: 'PublicTest' }, 'fer2013.csv', 5);
    expect(s.emotion).toBe('happy');
    expect(s.usage).toBe('PublicTest');
    expect(s.image).toMatchObject({ width: 48, height: 48, channels: 1 });
    expect(s.image.data[47]).toBe(47);
    expect(s.image.data[300]).toBe(300 % 256);
    expect(s.source).toBe('fer2013.csv:5');
  });

  it.each([
    [
      { emotion: '7', pixels: pixels(), Usage: 'Training' },
      'fer2013.csv line 9 field "emotion": "7" is not an emotion code 0-6',
    ],
    [{ emotion: '', pixels: pixels(), Usage: 'Training' }, 'field "emotion": "" is not an emotion code'],
    [
      { emotion: '1', pixels: pixels(2303), Usage: 'Training' },
      'field "pixels": has 2303 values, expected 2304',
    ],
    [{ emotion: '1', pixels: '', Usage: 'Training' }, 'field "pixels": has 0 values'],
    [
      { emotion: '1', pixels: pixels(2304, (i) => (i === 10 ? 256 : 0)), Usage: 'Training' },
      'value 11 is "256"',
    ],
    [
      { emotion: '1', pixels: pixels(2304, (i) => (i === 0 ? 1.5 : 0)), Usage: 'Training' },
      'value 1 is "1.5"',
    ],
    [
      { emotion: '1', pixels: pixels(), Usage: 'Validation' },
      'field "Usage": "Validation" is not one of Training, PublicTest, PrivateTest',
    ],
  ])('rejects a bad row with the line and field named (%#)', (record, message) => {
    expect(() => parseFer2013Record(record, 'fer2013.csv', 9)).toThrow(message);
  });
});

describe('fer2013UsageFromFileName', () => {
  it('reads the partition from the name prefix', () => {
    expect(fer2013UsageFromFileName('Training_10118481.jpg', 'p')).toBe('Training');
    expect(fer2013UsageFromFileName('PrivateTest_1.jpg', 'p')).toBe('PrivateTest');
    expect(() => fer2013UsageFromFileName('img_1.jpg', 'train/happy/img_1.jpg')).toThrow(
      /train\/happy\/img_1.jpg: cannot tell the FER2013 partition/,
    );
  });
});
