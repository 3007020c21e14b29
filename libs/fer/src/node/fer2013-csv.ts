import { createReadStream } from 'node:fs';
import { basename } from 'node:path';

import { CsvError, parse } from 'csv-parse';

import { DatasetError } from '../datasets/dataset-error';
import {
  parseFer2013Record,
  type Fer2013CsvRecord,
  type Fer2013Sample,
  type Fer2013Usage,
} from '../datasets/fer2013';

const COLUMNS = ['emotion', 'pixels', 'Usage'] as const;

/** Which partitions to keep when reading FER2013. */
export interface Fer2013ReadOptions {
  usages?: readonly Fer2013Usage[];
}

/**
 * Streams the original Kaggle `fer2013.csv` (emotion,pixels,Usage), one validated 48x48 sample per
 * row, without holding the 290 MB file in memory. Header names are matched after trimming spaces
 * (some copies write " Usage"); errors name the file, line and field.
 */
export async function* readFer2013Csv(
  file: string,
  options: Fer2013ReadOptions = {},
): AsyncGenerator<Fer2013Sample> {
  const name = basename(file);
  let sawHeader = false;
  const parser = parse({
    columns: (header: string[]) => {
      sawHeader = true;
      const names = header.map((h) => h.trim());
      const missing = COLUMNS.filter((c) => !names.includes(c));
      if (missing.length > 0) {
        throw new DatasetError(
          { file: name, line: 1 },
          `missing column(s) ${missing.join(', ')}; fer2013.csv has the header emotion,pixels,Usage (got ${names.join(',')})`,
        );
      }
      return names;
    },
    info: true,
    skip_empty_lines: true,
  });
  // pipe() does not forward read errors (a missing file) to the parser, which would wait forever.
  const source = createReadStream(file).on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Fer2013CsvRecord;
      info: { lines: number };
    }>) {
      const sample = parseFer2013Record(record, name, info.lines);
      if (!options.usages || options.usages.includes(sample.usage)) yield sample;
    }
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new DatasetError({ file: name, line }, `malformed CSV: ${error.message}`);
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new DatasetError({ file }, 'file not found; pass the path of fer2013.csv');
    }
    throw error;
  }
  if (!sawHeader)
    throw new DatasetError({ file: name }, 'file is empty; expected the header emotion,pixels,Usage');
}

/** Reads all (or the selected partitions of) fer2013.csv into memory (~83 MB for all 35,887 rows). */
export async function loadFer2013Csv(
  file: string,
  options: Fer2013ReadOptions = {},
): Promise<Fer2013Sample[]> {
  const samples: Fer2013Sample[] = [];
  for await (const sample of readFer2013Csv(file, options)) samples.push(sample);
  return samples;
}
