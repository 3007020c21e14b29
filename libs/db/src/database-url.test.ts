import { describe, expect, it } from 'vitest';
import {
  assertSupportedPostgresUrl,
  databaseProvider,
  redactDatabaseUrl,
  sqliteFilePath,
} from './database-url';

describe('databaseProvider', () => {
  it('selects PostgreSQL for postgres:// and postgresql://, SQLite for file:', () => {
    expect(databaseProvider('postgres://u:p@db:5432/visioncad')).toBe('postgresql');
    expect(databaseProvider('postgresql://u@localhost/visioncad?sslmode=require')).toBe('postgresql');
    expect(databaseProvider('file:/srv/visioncad/data/visioncad.db')).toBe('sqlite');
    expect(databaseProvider('file:./dev.db')).toBe('sqlite');
  });

  it('names the unsupported URL without its password', () => {
    expect(() => databaseProvider('mysql://root:hunter2@db/visioncad')).toThrow(/not supported.*file:<path>/);
    expect(() => databaseProvider('/srv/visioncad.db')).toThrow(/DATABASE_URL "\/srv\/visioncad.db"/);
  });
});

describe('redactDatabaseUrl', () => {
  it('hides PostgreSQL passwords, also inside longer messages', () => {
    expect(redactDatabaseUrl('postgresql://visioncad:s3cret@db:5432/x')).toBe(
      'postgresql://visioncad:***@db:5432/x',
    );
    expect(redactDatabaseUrl('cannot reach postgres://a:b@h/x and postgres://c:d@h/y')).toBe(
      'cannot reach postgres://a:***@h/x and postgres://c:***@h/y',
    );
    expect(redactDatabaseUrl('postgresql://visioncad@db/x')).toBe('postgresql://visioncad@db/x');
  });
});

describe('sqliteFilePath', () => {
  const base = () => '/repo';
  it('keeps absolute paths and resolves relative ones against the base directory', () => {
    expect(sqliteFilePath('file:/data/v.db', base)).toBe('/data/v.db');
    expect(sqliteFilePath('file:./data/v.db', base)).toBe('/repo/data/v.db');
    expect(sqliteFilePath('file:data/v.db?connection_limit=1', base)).toBe('/repo/data/v.db');
    expect(sqliteFilePath('file:///data/v%20x.db', base)).toBe('/data/v x.db');
  });

  it('refuses in-memory and non-SQLite URLs', () => {
    expect(() => sqliteFilePath('file::memory:', base)).toThrow(/must name a database file/);
    expect(() => sqliteFilePath('postgresql://h/x', base)).toThrow(/not a SQLite file/);
  });
});

describe('assertSupportedPostgresUrl', () => {
  it('accepts the default schema and refuses another one', () => {
    expect(() => assertSupportedPostgresUrl('postgresql://h/x')).not.toThrow();
    expect(() => assertSupportedPostgresUrl('postgresql://h/x?schema=public')).not.toThrow();
    expect(() => assertSupportedPostgresUrl('postgresql://u:pw@h/x?schema=tenant')).toThrow(
      /u:\*\*\*@h\/x\?schema=tenant" selects schema "tenant"/,
    );
  });
});
