import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registryLocation } from './registered-models';

describe('registryLocation', () => {
  it('defaults to models/registry.json at the repository root', () => {
    const { file, shownAs } = registryLocation(undefined);
    expect(shownAs).toBe('models/registry.json');
    expect(file.endsWith(path.join('models', 'registry.json'))).toBe(true);
    expect(path.isAbsolute(file)).toBe(true);
  });

  it('follows VISIONCAD_MODELS_DIR without showing the absolute path', () => {
    const { file, shownAs } = registryLocation('/srv/visioncad/models');
    expect(file).toBe(path.resolve('/srv/visioncad/models', 'registry.json'));
    expect(shownAs).toBe('$VISIONCAD_MODELS_DIR/registry.json');
  });
});
