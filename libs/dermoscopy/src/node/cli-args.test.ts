import { afterEach, describe, expect, it } from 'vitest';

import { parseScriptArgs } from './cli-args';

const argv = process.argv;
afterEach(() => {
  process.argv = argv;
});

describe('parseScriptArgs', () => {
  const options = { data: { type: 'string' as const }, out: { type: 'string' as const } };

  it('reads flags', () => {
    process.argv = ['node', 'x.ts', '--data', '/d', '--out', 'r.json'];
    expect(parseScriptArgs('usage', options, ['data', 'out'])).toMatchObject({ data: '/d', out: 'r.json' });
  });

  it('names missing and unknown flags with the usage line', () => {
    process.argv = ['node', 'x.ts', '--data', '/d'];
    expect(() => parseScriptArgs('x.ts --data <d> --out <f>', options, ['data', 'out'])).toThrow(
      'missing --out\nusage: x.ts --data <d> --out <f>',
    );
    process.argv = ['node', 'x.ts', '--dta', '/d'];
    expect(() => parseScriptArgs('u', options, ['data'])).toThrow(/Unknown option '--dta'[\s\S]*usage: u/);
  });
});
