import { describe, expect, it } from 'vitest';

import { enumCell, flagCell, parseCsvTable, requiredCell } from './csv-table';

describe('parseCsvTable', () => {
  it('reads quoted fields, a BOM and line numbers', () => {
    const rows = parseCsvTable('\uFEFFid,name\n1,"a, b"\n\n2,c\n', 't.csv', ['id']);
    expect(rows).toEqual([
      { line: 2, values: { id: '1', name: 'a, b' } },
      { line: 4, values: { id: '2', name: 'c' } },
    ]);
  });

  it('names missing columns and the header it found', () => {
    expect(() => parseCsvTable('id,dx\n1,nv\n', 'm.csv', ['id', 'lesion_id'])).toThrow(
      'm.csv line 1: missing column(s) lesion_id; the header has id, dx',
    );
    expect(() => parseCsvTable('id,dx\n', 'empty.csv', ['age'])).toThrow(/missing column\(s\) age/);
  });

  it('reports malformed rows with the file and line', () => {
    expect(() => parseCsvTable('a,b\n1,2\n3,4,5\n', 'bad.csv', ['a'])).toThrow(
      /^bad\.csv line 3: not a valid CSV table/,
    );
  });

  it('validates cells', () => {
    const [row] = parseCsvTable('dx,flag,empty\nxyz,2,\n', 'c.csv', ['dx']);
    expect(() => enumCell(row, 'dx', 'c.csv', ['nv', 'mel'])).toThrow(
      "c.csv line 2, column dx: 'xyz' is not one of nv, mel",
    );
    expect(() => flagCell(row, 'flag', 'c.csv')).toThrow("c.csv line 2, column flag: '2' is not 0 or 1");
    expect(() => requiredCell(row, 'empty', 'c.csv')).toThrow('c.csv line 2, column empty: is empty');
  });
});
