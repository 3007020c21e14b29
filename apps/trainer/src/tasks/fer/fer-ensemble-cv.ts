// Node-only: `trainer train --task fer --cv-ensemble <oof.json>,<oof.json>[,...] --out <report.json>`
// — a cross-validated ensemble: the out-of-fold probabilities of several cross-validated runs (the
// trainer's --folds CNN runs, the HOG/landmark SVM script) averaged sample by sample and scored with
// the runs' own folds. Every sample is predicted only by models that never trained on its fold, so
// the ensemble's figure is as out-of-sample as its members'. Runs must cover the same samples with
// the same folds and labels; any difference is an error naming the file and the field.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCkplusFileName } from '@visioncad/fer';
import { classificationReport, meanAndSd, type ClassificationReport } from '@visioncad/vision-core/metrics';
import { shellWords } from '@visioncad/vision-core/models';
import { writeFerPlots } from './fer-plots';
import { readOutOfFold, type OutOfFoldPredictions } from './fer-out-of-fold';

export const FER_CV_ENSEMBLE_USAGE = `trainer train --task fer --cv-ensemble <oof.json>,<oof.json>[,...] --out <report.json>

  --cv-ensemble <files>     out-of-fold predictions of cross-validated runs (cv-oof.json of a
                            --folds run, --oof of libs/fer/scripts/hog-svm-ckplus.ts): same samples,
                            folds and labels
  --weights <rule>          equal (default, fixed in advance) | <w1>,<w2>,... (fixed, one per file) |
                            nested (for each test fold, the simplex grid point with the best accuracy
                            on the other folds' out-of-fold predictions; the test fold is never used)
  --weight-step <s>         grid step of --weights nested (default 0.05)
  --sequence-average        also average each CK+ sequence's frames (a test sequence's own frames,
                            no labels) before scoring
  --out <report.json>       metrics (accuracy, balancedAccuracy, macroF1, ..., per-fold figures, each
                            member's figures on the same samples) + confusion/ROC/reliability PNGs`;

/** A run's predictions, lined up with the first run's samples. */
export interface AlignedRuns {
  labels: string[];
  folds: number;
  /** The first run's samples (file, subject, fold, label); every run agrees on them. */
  samples: { file: string; subject?: string; fold: number; label: string }[];
  /** Per run, per sample (in `samples` order), the probability row. */
  probabilities: number[][][];
}

/** How the members' probabilities are weighted. */
export type WeightRule =
  { kind: 'equal' } | { kind: 'fixed'; weights: number[] } | { kind: 'nested'; step: number };

/**
 * Lines up runs on the first one's samples. Different labels (or their order), fold count, sample
 * files, or a sample's fold or label is an error naming the file and the field.
 */
export function alignOutOfFold(
  runs: readonly { file: string; predictions: OutOfFoldPredictions }[],
): AlignedRuns {
  if (runs.length < 2)
    throw new Error(`--cv-ensemble needs at least 2 out-of-fold files, got ${runs.length}`);
  const [first, ...others] = runs;
  const ref = first.predictions;
  const probabilities = [ref.samples.map((s) => s.probabilities)];
  for (const { file, predictions: run } of others) {
    if (run.labels.join(',') !== ref.labels.join(',')) {
      throw new Error(
        `${file}: labels are ${run.labels.join(', ')} but ${first.file} has ${ref.labels.join(', ')}; runs need the same labels in the same order`,
      );
    }
    if (run.dataset !== ref.dataset) {
      throw new Error(`${file}: dataset is "${run.dataset}" but ${first.file} has "${ref.dataset}"`);
    }
    if (run.folds !== ref.folds) {
      throw new Error(`${file}: folds is ${run.folds} but ${first.file} has ${ref.folds}`);
    }
    const byFile = new Map(run.samples.map((s, i) => [s.file, i]));
    const refFiles = new Set(ref.samples.map((s) => s.file));
    const extra = run.samples.find((s) => !refFiles.has(s.file));
    if (extra) {
      throw new Error(
        `${file}: samples has "${extra.file}", which ${first.file} lacks (${run.samples.length} vs ${ref.samples.length} samples)`,
      );
    }
    const rows = ref.samples.map((s) => {
      const j = byFile.get(s.file);
      if (j === undefined) {
        throw new Error(
          `${file}: samples has no "${s.file}", which ${first.file} has (${run.samples.length} vs ${ref.samples.length} samples)`,
        );
      }
      const other = run.samples[j];
      if (other.fold !== s.fold) {
        throw new Error(
          `${file}: samples[${j}].fold is ${other.fold} for "${s.file}" but ${first.file} puts it in fold ${s.fold}; the runs used different folds`,
        );
      }
      if (other.label !== s.label) {
        throw new Error(
          `${file}: samples[${j}].label is "${other.label}" for "${s.file}" but ${first.file} says "${s.label}"`,
        );
      }
      return other.probabilities;
    });
    probabilities.push(rows);
  }
  return {
    labels: [...ref.labels],
    folds: ref.folds,
    samples: ref.samples.map(({ file, subject, fold, label }) => ({ file, subject, fold, label })),
    probabilities,
  };
}

/** Weighted mean of the members' probability rows (weights sum to 1). */
export function averageProbabilities(
  members: readonly (readonly number[][])[],
  weights: readonly number[],
): number[][] {
  return members[0].map((row, i) =>
    row.map((_, c) => members.reduce((total, rows, m) => total + weights[m] * rows[i][c], 0)),
  );
}

/** Every weight vector on the simplex with the given step (e.g. 0.05: 21 points for 2 members). */
export function simplexGrid(members: number, step: number): number[][] {
  const units = Math.round(1 / step);
  if (!(units >= 1 && Math.abs(units * step - 1) < 1e-9)) {
    throw new Error(`--weight-step must divide 1 evenly (e.g. 0.05, 0.1), got ${step}`);
  }
  const out: number[][] = [];
  const walk = (prefix: number[], left: number) => {
    if (prefix.length === members - 1) return out.push([...prefix, left].map((u) => u / units));
    for (let u = 0; u <= left; u++) walk([...prefix, u], left - u);
  };
  walk([], units);
  return out;
}

function argmax(row: readonly number[]): number {
  let best = 0;
  for (let c = 1; c < row.length; c++) if (row[c] > row[best]) best = c;
  return best;
}

/**
 * Weights chosen for each test fold without it: the grid point with the best accuracy on the pooled
 * out-of-fold predictions of the other folds (ties go to the point nearest equal weights).
 */
export function nestedWeights(
  aligned: AlignedRuns,
  rows: readonly (readonly number[][])[],
  step: number,
): number[][] {
  const members = rows.length;
  const grid = simplexGrid(members, step);
  const truth = aligned.samples.map((s) => aligned.labels.indexOf(s.label));
  const distance = (w: number[]) => w.reduce((t, x) => t + (x - 1 / members) ** 2, 0);
  return [...Array(aligned.folds).keys()].map((fold) => {
    const others = aligned.samples.flatMap((s, i) => (s.fold === fold ? [] : [i]));
    let best = grid[0];
    let bestCorrect = -1;
    for (const w of grid) {
      const correct = others.filter(
        (i) =>
          argmax(
            averageProbabilities(
              rows.map((r) => [r[i]]),
              w,
            )[0],
          ) === truth[i],
      ).length;
      if (correct > bestCorrect || (correct === bestCorrect && distance(w) < distance(best))) {
        best = w;
        bestCorrect = correct;
      }
    }
    return best;
  });
}

/**
 * Each CK+ sequence's frames get the mean of their probability rows (the sequence is read from the
 * file name S<subject>_<sequence>_<frame>.png). Uses no labels; a sequence's frames share a subject,
 * so they share a fold.
 */
export function averageSequences(files: readonly string[], rows: readonly number[][]): number[][] {
  const keys = files.map((f) => {
    const id = parseCkplusFileName(basename(f), f);
    return `${id.subject}_${id.sequence}`;
  });
  const sums = new Map<string, { sum: number[]; n: number }>();
  keys.forEach((key, i) => {
    const entry = sums.get(key) ?? { sum: rows[i].map(() => 0), n: 0 };
    rows[i].forEach((p, c) => (entry.sum[c] += p));
    entry.n += 1;
    sums.set(key, entry);
  });
  return keys.map((key) => {
    const { sum, n } = sums.get(key)!;
    return sum.map((s) => s / n);
  });
}

/** The pooled report plus per-fold accuracy and macro-F1 of probability rows over aligned samples. */
export function scoreCrossValidated(aligned: AlignedRuns, rows: readonly number[][]) {
  const truth = aligned.samples.map((s) => aligned.labels.indexOf(s.label));
  const report: ClassificationReport = classificationReport(truth, rows as number[][], aligned.labels);
  const foldAccuracy: number[] = [];
  const foldMacroF1: number[] = [];
  const foldSizes: number[] = [];
  for (let fold = 0; fold < aligned.folds; fold++) {
    const idx = aligned.samples.flatMap((s, i) => (s.fold === fold ? [i] : []));
    const foldReport = classificationReport(
      idx.map((i) => truth[i]),
      idx.map((i) => rows[i] as number[]),
      aligned.labels,
    );
    foldSizes.push(idx.length);
    foldAccuracy.push(foldReport.accuracy);
    foldMacroF1.push(foldReport.macroF1);
  }
  const [meanFoldAccuracy, sdFoldAccuracy] = meanAndSd(foldAccuracy);
  const [meanFoldMacroF1, sdFoldMacroF1] = meanAndSd(foldMacroF1);
  return {
    report,
    truth,
    folds: {
      foldSizes,
      foldAccuracy,
      meanFoldAccuracy,
      sdFoldAccuracy,
      foldMacroF1,
      meanFoldMacroF1,
      sdFoldMacroF1,
    },
  };
}

function parseWeights(value: string | undefined, members: number, step: string | undefined): WeightRule {
  if (value === undefined || value === 'equal') return { kind: 'equal' };
  if (value === 'nested') {
    const s = step === undefined ? 0.05 : Number(step);
    if (!(s > 0 && s <= 1)) throw new Error(`--weight-step must be in (0, 1], got "${step}"`);
    return { kind: 'nested', step: s };
  }
  const weights = value.split(',').map(Number);
  if (weights.length !== members || weights.some((w) => !(Number.isFinite(w) && w >= 0))) {
    throw new Error(
      `--weights must be equal, nested or ${members} non-negative numbers (one per file), got "${value}"`,
    );
  }
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new Error(`--weights "${value}" sum to 0`);
  return { kind: 'fixed', weights: weights.map((w) => w / total) };
}

/** What `--cv-ensemble` wrote. */
export interface FerCvEnsembleResult {
  out: string;
  report: ClassificationReport;
  meanFoldAccuracy: number;
  sdFoldAccuracy: number;
  members: { file: string; accuracy: number; macroF1: number }[];
}

/** Runs `--cv-ensemble` on its arguments (everything after `train --task fer`). */
export async function runFerCvEnsemble(args: string[]): Promise<FerCvEnsembleResult> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      'cv-ensemble': { type: 'string' },
      weights: { type: 'string' },
      'weight-step': { type: 'string' },
      'sequence-average': { type: 'boolean', default: false },
      out: { type: 'string' },
      backend: { type: 'string' },
    },
  });
  if (!values['cv-ensemble'] || !values.out) {
    throw new Error(`--cv-ensemble needs out-of-fold files and --out\n\n${FER_CV_ENSEMBLE_USAGE}`);
  }
  const files = values['cv-ensemble'].split(',').filter((f) => f.length > 0);
  const runs = [];
  for (const file of files) runs.push({ file, predictions: await readOutOfFold(file) });
  const aligned = alignOutOfFold(runs);
  const rule = parseWeights(values.weights, files.length, values['weight-step']);
  const sequenceAverage = values['sequence-average'] ?? false;
  const memberRows = aligned.probabilities.map((rows) =>
    sequenceAverage
      ? averageSequences(
          aligned.samples.map((s) => s.file),
          rows,
        )
      : rows,
  );

  const perFoldWeights =
    rule.kind === 'nested'
      ? nestedWeights(aligned, memberRows, rule.step)
      : Array.from({ length: aligned.folds }, () =>
          rule.kind === 'fixed' ? rule.weights : files.map(() => 1 / files.length),
        );
  const rows = aligned.samples.map(
    (s, i) =>
      averageProbabilities(
        memberRows.map((r) => [r[i]]),
        perFoldWeights[s.fold],
      )[0],
  );
  const scored = scoreCrossValidated(aligned, rows);
  const members = runs.map((run, m) => {
    const memberScore = scoreCrossValidated(aligned, memberRows[m]);
    return {
      file: run.file,
      model: run.predictions.model,
      command: run.predictions.command,
      accuracy: memberScore.report.accuracy,
      balancedAccuracy: memberScore.report.balancedAccuracy,
      macroF1: memberScore.report.macroF1,
      rocAucMacro: memberScore.report.rocAucMacro,
      meanFoldAccuracy: memberScore.folds.meanFoldAccuracy,
      sdFoldAccuracy: memberScore.folds.sdFoldAccuracy,
      foldAccuracy: memberScore.folds.foldAccuracy,
    };
  });
  const weightText =
    rule.kind === 'equal'
      ? 'equal weights, fixed in advance'
      : rule.kind === 'fixed'
        ? `fixed weights ${rule.weights.map((w) => w.toFixed(3)).join(', ')} (given on the command line)`
        : `nested: for each test fold, the weights (simplex grid, step ${rule.step}) with the best accuracy on the other folds' out-of-fold predictions; the test fold's predictions and labels are not used (its images did train the models that predicted the other folds)`;
  const dataset = runs[0].predictions.dataset;
  const metrics = {
    model: `probability average of ${runs.map((r) => `${r.predictions.model} (${r.file})`).join(' + ')}`,
    dataset,
    protocol:
      `the members' subject-wise ${aligned.folds}-fold CV (seed ${runs[0].predictions.seed}, identical folds checked sample by sample); ` +
      `each sample's probabilities come from the members' models that held out its fold; ${weightText}` +
      (sequenceAverage
        ? "; each CK+ sequence's frames averaged (members and ensemble alike) before scoring"
        : ''),
    command: `npm run trainer -- train --task fer ${shellWords(args)}`,
    memberCommands: runs.map((r) => r.predictions.command),
    seed: runs[0].predictions.seed,
    weights: { rule: rule.kind, perFold: perFoldWeights },
    sequenceAverage,
    ...scored.report,
    folds: aligned.folds,
    ...scored.folds,
    members,
  };
  await mkdir(dirname(values.out), { recursive: true });
  await writeFile(values.out, JSON.stringify(metrics, null, 2) + '\n');
  await writeFerPlots(values.out, {
    report: scored.report,
    skipped: 0,
    yTrue: scored.truth,
    probabilities: rows,
  });
  return {
    out: values.out,
    report: scored.report,
    meanFoldAccuracy: scored.folds.meanFoldAccuracy,
    sdFoldAccuracy: scored.folds.sdFoldAccuracy,
    members: members.map((m) => ({ file: m.file, accuracy: m.accuracy, macroF1: m.macroF1 })),
  };
}
