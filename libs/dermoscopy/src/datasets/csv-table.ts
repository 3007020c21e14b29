import { parse } from 'csv-parse/sync';

import { DatasetError } from './dataset-error';

/** One data row of a CSV file with its 1-based line number. */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/**
 * Parses CSV text with a header row (RFC 4180 quoting, BOM and surrounding spaces tolerated) and
 * checks that every required column is present. Errors name `file` and the line.
 */
export function parseCsvTable(text: string, file: string, requiredColumns: readonly string[]): CsvRow[] {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, { columns: true, bom: true, trim: true, skip_empty_lines: true, info: true });
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw new DatasetError({ file, line: lines }, `not a valid CSV table: ${(error as Error).message}`);
  }
  const header = records.length > 0 ? Object.keys(records[0].record) : parseHeader(text);
  const missing = requiredColumns.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new DatasetError(
      { file, line: 1 },
      `missing column(s) ${missing.join(', ')}; the header has ${header.join(', ') || '(nothing)'}`,
    );
  }
  return records.map(({ record, info }) => ({ line: info.lines, values: record }));
}

function parseHeader(text: string): string[] {
  const rows: string[][] = parse(text, { bom: true, trim: true, skip_empty_lines: true, to_line: 1 });
  return rows[0] ?? [];
}

/** Reads a required non-empty cell or throws naming the file, line and column. */
export function requiredCell(row: CsvRow, column: string, file: string): string {
  const value = row.values[column];
  if (value === undefined || value === '') {
    throw new DatasetError({ file, line: row.line, field: column }, 'is empty');
  }
  return value;
}

/** Reads a cell that must be one of `allowed`. */
export function enumCell<T extends string>(
  row: CsvRow,
  column: string,
  file: string,
  allowed: readonly T[],
): T {
  const value = requiredCell(row, column, file);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new DatasetError(
      { file, line: row.line, field: column },
      `'${value}' is not one of ${allowed.join(', ')}`,
    );
  }
  return value as T;
}

/** Reads a 0/1 flag cell; "0.0" and "1.0" (ISIC ground-truth style) are accepted too. */
export function flagCell(row: CsvRow, column: string, file: string): boolean {
  const value = requiredCell(row, column, file);
  const n = Number(value);
  if (n !== 0 && n !== 1) {
    throw new DatasetError({ file, line: row.line, field: column }, `'${value}' is not 0 or 1`);
  }
  return n === 1;
}
