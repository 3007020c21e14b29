// Out-of-fold predictions of a cross-validated run: every sample's class probabilities from the model
// of the fold that held it out. Written by `train --task fer --folds k` (cv-oof.json beside
// cv-metrics.json) and by libs/fer/scripts/hog-svm-ckplus.ts --oof; read by `--cv-ensemble`, which
// combines runs only when they cover the same samples with the same folds and labels.
import { readFile, writeFile } from 'node:fs/promises';

/** The `format` field of an out-of-fold file. */
export const OUT_OF_FOLD_FORMAT = 'visioncad-out-of-fold-v1';

/** One sample, predicted by the model that did not train on it. */
export interface OutOfFoldSample {
  /** Path relative to the data folder, e.g. `anger/S010_004_00000017.png`. */
  file: string;
  subject?: string;
  /** Index of the test fold that held this sample out, 0..folds-1. */
  fold: number;
  /** True class, one of `labels`. */
  label: string;
  /** One probability per entry of `labels`, in that order. */
  probabilities: number[];
}

/** A cross-validated run's out-of-fold predictions. */
export interface OutOfFoldPredictions {
  format: typeof OUT_OF_FOLD_FORMAT;
  /** What made the predictions, in words. */
  model: string;
  /** The command that wrote this file. */
  command: string;
  dataset: string;
  /** The data folder the sample files are relative to. */
  data: string;
  folds: number;
  seed: number;
  /** Class order of every probability row. */
  labels: string[];
  samples: OutOfFoldSample[];
}

/** Tolerance on a probability row's sum: float32 softmax outputs and Platt estimates are near 1. */
const SUM_TOLERANCE = 1e-3;

function fail(file: string, field: string, problem: string): never {
  throw new Error(`${file}: ${field} ${problem}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(record: Record<string, unknown>, key: string, file: string, field = key): string {
  const value = record[key];
  if (typeof value !== 'string' || value.length === 0) fail(file, field, 'must be a non-empty string');
  return value;
}

function integer(record: Record<string, unknown>, key: string, file: string, field = key): number {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(file, field, 'must be an integer');
  return value;
}

/**
 * Checks parsed JSON against the out-of-fold format; every problem names the file and the field
 * (e.g. `runs/x/cv-oof.json: samples[12].probabilities has 6 values, labels has 7`).
 */
export function parseOutOfFold(json: unknown, file: string): OutOfFoldPredictions {
  if (!isRecord(json)) fail(file, 'the file', 'is not a JSON object');
  if (json.format !== OUT_OF_FOLD_FORMAT) {
    fail(file, 'format', `is ${JSON.stringify(json.format)}, expected "${OUT_OF_FOLD_FORMAT}"`);
  }
  const folds = integer(json, 'folds', file);
  if (folds < 2) fail(file, 'folds', `is ${folds}; cross-validation needs at least 2`);
  const labels = json.labels;
  if (!Array.isArray(labels) || labels.length < 2 || !labels.every((l) => typeof l === 'string')) {
    fail(file, 'labels', 'must list at least 2 class names');
  }
  if (new Set(labels).size !== labels.length)
    fail(file, 'labels', `has a repeated name: ${labels.join(', ')}`);
  if (!Array.isArray(json.samples) || json.samples.length === 0) {
    fail(file, 'samples', 'must be a non-empty array');
  }
  const seen = new Set<string>();
  const samples = json.samples.map((raw: unknown, i: number): OutOfFoldSample => {
    const at = `samples[${i}]`;
    if (!isRecord(raw)) fail(file, at, 'is not an object');
    const sampleFile = text(raw, 'file', file, `${at}.file`);
    if (seen.has(sampleFile)) fail(file, `${at}.file`, `"${sampleFile}" appears twice`);
    seen.add(sampleFile);
    const fold = integer(raw, 'fold', file, `${at}.fold`);
    if (fold < 0 || fold >= folds) fail(file, `${at}.fold`, `is ${fold}, outside 0..${folds - 1}`);
    const label = text(raw, 'label', file, `${at}.label`);
    if (!labels.includes(label))
      fail(file, `${at}.label`, `"${label}" is not one of labels (${labels.join(', ')})`);
    const p = raw.probabilities;
    if (!Array.isArray(p) || p.length !== labels.length) {
      fail(
        file,
        `${at}.probabilities`,
        `has ${Array.isArray(p) ? p.length : 'no'} values, labels has ${labels.length}`,
      );
    }
    if (!p.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1 + SUM_TOLERANCE)) {
      fail(file, `${at}.probabilities`, `must be numbers in [0, 1], got ${JSON.stringify(p)}`);
    }
    const sum = (p as number[]).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > SUM_TOLERANCE) fail(file, `${at}.probabilities`, `sum to ${sum}, not 1`);
    const subject = raw.subject;
    if (subject !== undefined && typeof subject !== 'string') fail(file, `${at}.subject`, 'must be a string');
    return { file: sampleFile, subject, fold, label, probabilities: p as number[] };
  });
  const empty = [...Array(folds).keys()].filter((f) => !samples.some((s) => s.fold === f));
  if (empty.length > 0) fail(file, 'samples', `hold no sample of fold ${empty.join(', ')}`);
  return {
    format: OUT_OF_FOLD_FORMAT,
    model: text(json, 'model', file),
    command: text(json, 'command', file),
    dataset: text(json, 'dataset', file),
    data: text(json, 'data', file),
    folds,
    seed: integer(json, 'seed', file),
    labels: labels as string[],
    samples,
  };
}

/** Reads and checks an out-of-fold file. */
export async function readOutOfFold(file: string): Promise<OutOfFoldPredictions> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not readable as JSON (${(error as Error).message})`);
  }
  return parseOutOfFold(json, file);
}

/** Writes an out-of-fold file (checked first, so a writer cannot produce one the reader rejects). */
export async function writeOutOfFold(file: string, predictions: OutOfFoldPredictions): Promise<void> {
  parseOutOfFold(predictions, file);
  await writeFile(file, JSON.stringify(predictions) + '\n');
}
