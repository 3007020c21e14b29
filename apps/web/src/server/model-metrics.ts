// The evaluations in a model card's `metrics` (written by `trainer evaluate`/`train --register`),
// parsed once into typed values the Models pages chart. Cards differ by task: classifiers carry a
// confusion matrix, per-class scores and headline numbers; segmenters carry Dice/Jaccard and a
// baseline. Nothing here invents a number: what a card does not hold is reported as missing.

/** One class's scores at the scoring's decision (see `ClassificationEvaluation.decision`). */
export interface ClassScores {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
  /** One-vs-rest true/false positive rates at the scoring's decision: the class's operating point in ROC space. */
  tpr: number | null;
  fpr: number | null;
}

/** A named headline figure, in the order the page shows them. */
export interface HeadlineMetric {
  key: string;
  label: string;
  value: number;
}

/** Melanoma-vs-rest (or another positive class) figures a dermoscopy card records. */
export interface BinaryOperatingPoint {
  positiveClass: string;
  sensitivity: number;
  specificity: number;
  auc: number | null;
}

/** A class's one-vs-rest ROC curve as the card stores it (downsampled points; AUC of the full curve). */
export interface RocCurveSeries {
  label: string;
  fpr: number[];
  tpr: number[];
  auc: number;
}

/** One reliability-diagram bin of top-label confidence, as the card stores it. */
export interface ReliabilityBinData {
  lower: number;
  upper: number;
  count: number;
  /** Share of the bin's items whose top class is right (0 when the bin is empty). */
  accuracy: number;
  /** Mean top-class probability in the bin (0 when the bin is empty). */
  confidence: number;
}

export interface ClassificationEvaluation {
  kind: 'classification';
  /** The key under card.metrics, e.g. "ham10000-test". */
  name: string;
  n: number | null;
  labels: string[];
  confusionMatrix: number[][];
  headline: HeadlineMetric[];
  perClass: ClassScores[] | null;
  binary: BinaryOperatingPoint | null;
  /** One-vs-rest ROC curves in `labels` order (labels without a curve left out); null on cards before curves were stored. */
  rocCurves: RocCurveSeries[] | null;
  /** Reliability bins in confidence order; null on cards before they were stored. */
  reliabilityBins: ReliabilityBinData[] | null;
  /** What the card lacks for the charts an analyst expects (ROC curve points, reliability bins). */
  missing: string[];
  /** The decision behind the confusion matrix, per-class scores and operating points. */
  decision: ScoringDecision;
}

/** Which decision a card's scoring used to turn probabilities into a class. */
export interface ScoringDecision {
  /** The entry's `decisionRule` (e.g. "logit-adjustment", the balanced rule), or null for argmax. */
  rule: string | null;
  /** The card's `validation-decision-rule` entry was kept: the model reports its diagnosis with the rule. */
  modelUsesRule: boolean;
}

export interface SegmentationEvaluation {
  kind: 'segmentation';
  name: string;
  n: number | null;
  headline: HeadlineMetric[];
  /** The same figures for a non-learned baseline the card compares against (e.g. Otsu). */
  baseline: { name: string; headline: HeadlineMetric[] } | null;
}

/** An entry with numbers but neither a confusion matrix nor Dice (e.g. temperature fitting). */
export interface OtherEvaluation {
  kind: 'other';
  name: string;
  headline: HeadlineMetric[];
}

export type ModelEvaluation = ClassificationEvaluation | SegmentationEvaluation | OtherEvaluation;

/** A card entry that could not be read, with the field at fault. */
export interface EvaluationProblem {
  name: string;
  error: string;
}

// Display names in the field's vocabulary; keys not listed are shown under their own name.
const METRIC_LABELS: Record<string, string> = {
  accuracy: 'Accuracy',
  balancedAccuracy: 'Balanced accuracy',
  macroF1: 'Macro-F1',
  weightedF1: 'Weighted F1',
  rocAucMacro: 'AUC (macro, one-vs-rest)',
  auc: 'AUC',
  sensitivity: 'Sensitivity',
  specificity: 'Specificity',
  ece: 'ECE',
  uncalibratedEce: 'ECE before temperature scaling',
  temperature: 'Temperature',
  nllBefore: 'NLL before scaling',
  nllAfter: 'NLL after scaling',
  dice: 'Dice',
  jaccard: 'Jaccard',
  thresholdedJaccard: 'Thresholded Jaccard',
  msPerImage: 'ms per image',
};
const HEADLINE_ORDER = Object.keys(METRIC_LABELS);
const BINARY_KEYS = new Set(['auc', 'sensitivity', 'specificity']);
// Counts and bookkeeping shown elsewhere (n) or not at all.
const NOT_HEADLINE = new Set(['n', 'skipped']);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function headlineOf(entry: Json): HeadlineMetric[] {
  const found = Object.entries(entry)
    .filter(([key, value]) => !NOT_HEADLINE.has(key) && finite(value) !== null)
    .map(([key, value]) => ({ key, label: METRIC_LABELS[key] ?? key, value: value as number }));
  const rank = (key: string) => {
    const index = HEADLINE_ORDER.indexOf(key);
    return index === -1 ? HEADLINE_ORDER.length : index;
  };
  return found.sort((a, b) => rank(a.key) - rank(b.key));
}

function stringArray(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === 'string')) {
    throw new Error(`${where} must be a non-empty array of label names`);
  }
  return value as string[];
}

function squareCounts(value: unknown, size: number, where: string): number[][] {
  if (!Array.isArray(value) || value.length !== size) {
    throw new Error(
      `${where} must have one row per label (${size}), got ${Array.isArray(value) ? value.length : typeof value}`,
    );
  }
  return value.map((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== size) {
      throw new Error(`${where}[${i}] must have ${size} counts`);
    }
    return row.map((count: unknown, j) => {
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
        throw new Error(`${where}[${i}][${j}] = ${JSON.stringify(count)} is not a count`);
      }
      return count;
    });
  });
}

function perClassOf(value: unknown, labels: string[], where: string): ClassScores[] | null {
  if (value === undefined) return null;
  if (!isObject(value)) throw new Error(`${where} must be an object keyed by label`);
  return labels.map((label) => {
    const scores = value[label];
    if (!isObject(scores)) throw new Error(`${where} has no entry for "${label}"`);
    const required = (key: string) => {
      const number = finite(scores[key]);
      if (number === null) throw new Error(`${where}.${label}.${key} must be a number`);
      return number;
    };
    return {
      label,
      precision: required('precision'),
      recall: required('recall'),
      f1: required('f1'),
      support: required('support'),
      tpr: finite(scores.tpr),
      fpr: finite(scores.fpr),
    };
  });
}

function unitInterval(value: unknown, where: string): number {
  const number = finite(value);
  if (number === null || number < 0 || number > 1) {
    throw new Error(`${where} = ${JSON.stringify(value)} is not a number in [0, 1]`);
  }
  return number;
}

function rateArray(value: unknown, where: string): number[] {
  if (!Array.isArray(value) || value.length < 2)
    throw new Error(`${where} must be an array of at least 2 rates`);
  return value.map((rate: unknown, i) => unitInterval(rate, `${where}[${i}]`));
}

function rocCurvesOf(value: unknown, labels: string[], where: string): RocCurveSeries[] | null {
  if (value === undefined) return null;
  if (!isObject(value)) throw new Error(`${where} must be an object keyed by label`);
  const unknown = Object.keys(value).find((label) => !labels.includes(label));
  if (unknown !== undefined)
    throw new Error(`${where} has a curve for "${unknown}", which is not among the labels`);
  return labels.flatMap((label) => {
    const curve = value[label];
    if (curve === undefined) return [];
    const at = `${where}.${label}`;
    if (!isObject(curve)) throw new Error(`${at} must be an object with fpr, tpr and auc`);
    const fpr = rateArray(curve.fpr, `${at}.fpr`);
    const tpr = rateArray(curve.tpr, `${at}.tpr`);
    if (fpr.length !== tpr.length) {
      throw new Error(`${at}.fpr has ${fpr.length} points but ${at}.tpr has ${tpr.length}`);
    }
    return [{ label, fpr, tpr, auc: unitInterval(curve.auc, `${at}.auc`) }];
  });
}

function reliabilityBinsOf(value: unknown, where: string): ReliabilityBinData[] | null {
  if (value === undefined) return null;
  if (!Array.isArray(value) || value.length === 0)
    throw new Error(`${where} must be a non-empty array of bins`);
  return value.map((bin: unknown, i) => {
    const at = `${where}[${i}]`;
    if (!isObject(bin)) throw new Error(`${at} must be an object`);
    const count = bin.count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
      throw new Error(`${at}.count = ${JSON.stringify(count)} is not a count`);
    }
    return {
      lower: unitInterval(bin.lower, `${at}.lower`),
      upper: unitInterval(bin.upper, `${at}.upper`),
      count,
      accuracy: unitInterval(bin.accuracy, `${at}.accuracy`),
      confidence: unitInterval(bin.confidence, `${at}.confidence`),
    };
  });
}

function binaryOf(entry: Json): BinaryOperatingPoint | null {
  const sensitivity = finite(entry.sensitivity);
  const specificity = finite(entry.specificity);
  if (typeof entry.positiveClass !== 'string' || sensitivity === null || specificity === null) return null;
  return { positiveClass: entry.positiveClass, sensitivity, specificity, auc: finite(entry.auc) };
}

function classificationOf(
  name: string,
  entry: Json,
  where: string,
  modelUsesRule: boolean,
): ClassificationEvaluation {
  const labels = stringArray(entry.labels, `${where}.labels`);
  const confusionMatrix = squareCounts(entry.confusionMatrix, labels.length, `${where}.confusionMatrix`);
  const perClass = perClassOf(entry.perClass, labels, `${where}.perClass`);
  const rocCurves = rocCurvesOf(entry.rocCurves, labels, `${where}.rocCurves`);
  const reliabilityBins = reliabilityBinsOf(entry.reliabilityBins, `${where}.reliabilityBins`);
  // Cards written before the trainer stored curve data have only these summaries.
  const missing = [
    ...(rocCurves ? [] : ['ROC curve points (the card has the AUC and one operating point per class)']),
    ...(reliabilityBins
      ? []
      : [
          finite(entry.ece) === null
            ? 'reliability-diagram bins and ECE'
            : 'reliability-diagram bins (the card has the ECE only)',
        ]),
  ];
  return {
    kind: 'classification',
    name,
    n: finite(entry.n),
    labels,
    confusionMatrix,
    headline: headlineOf(entry).map((metric) =>
      // Sensitivity, specificity and AUC next to a positive class are that class against the rest.
      typeof entry.positiveClass === 'string' && BINARY_KEYS.has(metric.key)
        ? { ...metric, label: `${metric.label} (${entry.positiveClass} vs rest)` }
        : metric,
    ),
    perClass,
    binary: binaryOf(entry),
    rocCurves,
    reliabilityBins,
    missing,
    decision: { rule: typeof entry.decisionRule === 'string' ? entry.decisionRule : null, modelUsesRule },
  };
}

function segmentationOf(name: string, entry: Json): SegmentationEvaluation {
  const baselineKey = Object.keys(entry).find((key) => key.endsWith('Baseline') && isObject(entry[key]));
  return {
    kind: 'segmentation',
    name,
    n: finite(entry.n),
    headline: headlineOf(entry),
    baseline: baselineKey
      ? {
          name: baselineKey.replace(/Baseline$/, '').replace(/^./, (c) => c.toUpperCase()),
          headline: headlineOf(entry[baselineKey] as Json),
        }
      : null,
  };
}

/**
 * Parses every entry of a card's `metrics`. `cardFile` names the file in problems, e.g.
 * `models/x/card.json metrics["ham10000-test"].confusionMatrix must have one row per label (7), got 6`.
 */
export function parseCardEvaluations(
  metrics: unknown,
  cardFile: string,
): { evaluations: ModelEvaluation[]; problems: EvaluationProblem[] } {
  const evaluations: ModelEvaluation[] = [];
  const problems: EvaluationProblem[] = [];
  if (!isObject(metrics)) {
    return { evaluations, problems: [{ name: 'metrics', error: `${cardFile} metrics must be an object` }] };
  }
  const ruleFit = metrics['validation-decision-rule'];
  const modelUsesRule = isObject(ruleFit) && ruleFit.kept === true;
  for (const [name, entry] of Object.entries(metrics)) {
    const where = `${cardFile} metrics[${JSON.stringify(name)}]`;
    try {
      if (!isObject(entry)) throw new Error(`${where} must be an object`);
      if (entry.confusionMatrix !== undefined || entry.labels !== undefined) {
        evaluations.push(classificationOf(name, entry, where, modelUsesRule));
      } else if (finite(entry.dice) !== null) {
        evaluations.push(segmentationOf(name, entry));
      } else {
        evaluations.push({ kind: 'other', name, headline: headlineOf(entry) });
      }
    } catch (error) {
      problems.push({ name, error: (error as Error).message });
    }
  }
  return { evaluations, problems };
}
