import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveDatabaseUrl, resolveDataDir, resolveStorageDir } from './data-dir';
import { resolveRepoRoot } from './repo-root';

afterEach(() => vi.unstubAllEnvs());

describe('resolveDataDir / resolveStorageDir / resolveDatabaseUrl', () => {
  it('default to <repo>/data and its SQLite file when nothing is configured', () => {
    vi.stubEnv('VISIONCAD_DATA_DIR', '');
    vi.stubEnv('DATABASE_URL', '');
    const dataDir = join(resolveRepoRoot(), 'data');
    expect(resolveDataDir()).toBe(dataDir);
    expect(resolveStorageDir()).toBe(join(dataDir, 'storage'));
    expect(resolveDatabaseUrl()).toBe(`file:${join(dataDir, 'visioncad.db')}`);
  });

  it('follow VISIONCAD_DATA_DIR, made absolute', () => {
    vi.stubEnv('VISIONCAD_DATA_DIR', 'some/where');
    vi.stubEnv('DATABASE_URL', '');
    expect(resolveDataDir()).toBe(resolve('some/where'));
    expect(resolveDatabaseUrl()).toBe(`file:${resolve('some/where', 'visioncad.db')}`);
  });

  it('take DATABASE_URL as given, after checking its scheme', () => {
    vi.stubEnv('DATABASE_URL', ' postgresql://v@db:5432/visioncad ');
    expect(resolveDatabaseUrl()).toBe('postgresql://v@db:5432/visioncad');
    vi.stubEnv('DATABASE_URL', 'mongodb://db/visioncad');
    expect(() => resolveDatabaseUrl()).toThrow(/DATABASE_URL "mongodb:\/\/db\/visioncad" is not supported/);
  });
});
