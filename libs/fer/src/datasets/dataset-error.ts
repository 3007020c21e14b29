/** Where in a dataset a problem was found: the file, and optionally the line and field. */
export interface DatasetLocation {
  file: string;
  line?: number;
  field?: string;
}

/** A malformed dataset file, row or folder; the message names the file (and line / field). */
export class DatasetError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly field?: string;

  constructor(location: DatasetLocation, problem: string) {
    const line = location.line === undefined ? '' : ` line ${location.line}`;
    const field = location.field === undefined ? '' : ` field "${location.field}"`;
    super(`${location.file}${line}${field}: ${problem}`);
    this.name = 'DatasetError';
    this.file = location.file;
    this.line = location.line;
    this.field = location.field;
  }
}
