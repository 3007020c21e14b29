/** Where in a dataset a problem was found. */
export interface DatasetLocation {
  /** File or folder path. */
  file: string;
  /** 1-based line of a CSV file (the header is line 1). */
  line?: number;
  /** CSV column or record field. */
  field?: string;
}

/** Bad dataset input; the message names the file, line and field involved. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  readonly file: string;
  readonly line?: number;
  readonly field?: string;
  constructor(location: DatasetLocation, problem: string) {
    const where = `${location.file}${location.line !== undefined ? ` line ${location.line}` : ''}${
      location.field !== undefined ? `, column ${location.field}` : ''
    }`;
    super(`${where}: ${problem}`);
    this.file = location.file;
    this.line = location.line;
    this.field = location.field;
  }
}
