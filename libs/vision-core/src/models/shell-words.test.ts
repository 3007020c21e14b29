import { execFileSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { shellWords } from './shell-words';

describe('shellWords', () => {
  it('leaves plain words alone and quotes the rest so the shell reads back the same arguments', () => {
    const args = ['--data', '../data/CK+48', '--cnn-layer', 'fc|flatten,fc', 'two words', "it's", '', '$HOME'];
    const line = shellWords(args);
    expect(line).toBe("--data ../data/CK+48 --cnn-layer 'fc|flatten,fc' 'two words' 'it'\\''s' '' '$HOME'");
    const echoed = execFileSync('sh', ['-c', `printf '%s\\n' ${line}`], { encoding: 'utf8' });
    expect(echoed.split('\n').slice(0, -1)).toEqual(args);
  });
});
