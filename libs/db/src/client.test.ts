import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createDb, databaseUrlOf, getDb, type Db } from './client';

const dir = mkdtempSync(join(tmpdir(), 'visioncad-client-'));
const opened: Db[] = [];
afterEach(() => vi.unstubAllEnvs());
afterAll(async () => {
  await Promise.all(opened.map((db) => db.$disconnect()));
  rmSync(dir, { recursive: true, force: true });
});

describe('getDb', () => {
  it('returns one client per process for the configured DATABASE_URL, and a new one when it changes', () => {
    vi.stubEnv('DATABASE_URL', `file:${join(dir, 'a.db')}`);
    const a = getDb();
    opened.push(a);
    expect(getDb()).toBe(a);
    expect(databaseUrlOf(a)).toBe(`file:${join(dir, 'a.db')}`);
    vi.stubEnv('DATABASE_URL', 'postgresql://visioncad@localhost:5432/visioncad');
    const b = getDb();
    opened.push(b);
    expect(b).not.toBe(a);
    expect(databaseUrlOf(b)).toBe('postgresql://visioncad@localhost:5432/visioncad');
  });
});

describe('createDb', () => {
  it('refuses URLs it cannot serve before connecting', () => {
    expect(() => createDb('mysql://root@db/visioncad')).toThrow(/not supported/);
    expect(() => createDb('postgresql://h/x?schema=tenant')).toThrow(/schema "tenant"/);
  });

  it('remembers the URL of clients it made, and only those', () => {
    const db = createDb(`file:${join(dir, 'b.db')}`);
    opened.push(db);
    expect(databaseUrlOf(db)).toBe(`file:${join(dir, 'b.db')}`);
    expect(() => databaseUrlOf({} as Db)).toThrow(/not created by @visioncad\/db/);
  });
});
