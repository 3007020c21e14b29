// Late fusion of a lesion classifier's calibrated probabilities with the clinical metadata (age, sex,
// anatomic site): a softmax regression on the metadata alone gives log q_k(metadata); the fused
// diagnosis is softmax((log p_k(image) + w · log q_k(metadata)) / T), with the weight w and the
// temperature T fitted on validation images the classifier never trained on, and optionally a
// balanced decision rule (logit adjustment) on the fused probabilities. The file lives beside the
// classifier (metadata-fusion.json); without metadata the classifier's own output stands. Browser-safe.
import { adjustedArgmax } from '@visioncad/vision-core/metrics';

import {
  CLINICAL_FEATURE_COUNT,
  CLINICAL_FEATURE_NAMES,
  clinicalFeatures,
  type ClinicalMetadata,
} from './clinical-metadata';

/** The file's name in a classifier's model directory. */
export const METADATA_FUSION_FILE = 'metadata-fusion.json';

/** A fitted fusion of one classifier with the clinical metadata. */
export interface MetadataFusion {
  kind: 'clinical-metadata-fusion';
  /** The classifier's labels, in order. */
  labels: string[];
  /** The metadata features the regression was fitted on (CLINICAL_FEATURE_NAMES at fit time). */
  features: string[];
  /** Softmax regression on the features: weights[feature][label] and one bias per label. */
  weights: number[][];
  bias: number[];
  /** w: how much the metadata's log-probabilities count next to the image's. */
  metadataWeight: number;
  /** Softmax temperature of the fused logits (fitted on validation). */
  temperature: number;
  /** Balanced decision rule on the fused probabilities; null: report the most probable label. */
  decisionOffsets: number[] | null;
  /** Where and how it was fitted, for people reading the file. */
  fittedOn: string;
}

function logSoftmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const logSum = Math.log(logits.reduce((s, v) => s + Math.exp(v - max), 0)) + max;
  return logits.map((v) => v - logSum);
}

/**
 * log q_k(metadata): the metadata regression's log-probabilities, in label order. Takes a fitted
 * fusion or the bare regression (./metadata-regression) it was made from.
 */
export function metadataLogProbabilities(
  regression: Pick<MetadataFusion, 'weights' | 'bias'>,
  metadata: ClinicalMetadata,
): number[] {
  const x = clinicalFeatures(metadata);
  const logits = regression.bias.map((b, k) =>
    x.reduce((s, v, f) => (v === 0 ? s : s + v * regression.weights[f][k]), b),
  );
  return logSoftmax(logits);
}

/** One row's fused logits before the temperature: log p_k(image) + w · log q_k(metadata). */
export function fusedLogitRow(
  imageProbabilities: readonly number[],
  metadataLogProbabilities: readonly number[],
  metadataWeight: number,
): number[] {
  return imageProbabilities.map(
    (p, k) => Math.log(Math.max(p, 1e-7)) + metadataWeight * metadataLogProbabilities[k],
  );
}

/** The fused probabilities and the label the fusion reports. */
export interface FusedDiagnosis {
  probabilities: number[];
  top: number;
}

/** Fuses the classifier's calibrated probabilities (label order) with the metadata. */
export function fuseClinicalMetadata(
  probabilities: readonly number[],
  metadata: ClinicalMetadata,
  fusion: MetadataFusion,
): FusedDiagnosis {
  if (probabilities.length !== fusion.labels.length) {
    throw new RangeError(
      `the classifier gave ${probabilities.length} probabilities but the metadata fusion has ${fusion.labels.length} labels`,
    );
  }
  const logits = fusedLogitRow(
    probabilities,
    metadataLogProbabilities(fusion, metadata),
    fusion.metadataWeight,
  );
  const fused = logSoftmax(logits.map((v) => v / fusion.temperature));
  const fusedProbabilities = fused.map(Math.exp);
  const top = fusion.decisionOffsets
    ? adjustedArgmax(fusedProbabilities, fusion.decisionOffsets)
    : fused.indexOf(Math.max(...fused));
  return { probabilities: fusedProbabilities, top };
}

const finiteNumbers = (v: unknown, n: number) =>
  Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'number' && Number.isFinite(x));

/**
 * Validates a parsed metadata-fusion.json for a classifier whose card lists `labels`; `file` names
 * the file in errors, which also name the field at fault.
 */
export function parseMetadataFusion(json: unknown, file: string, labels: readonly string[]): MetadataFusion {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(`${file}: must be a JSON object`);
  }
  const o = json as Record<string, unknown>;
  if (o.kind !== 'clinical-metadata-fusion') {
    throw new Error(`${file}: "kind" must be "clinical-metadata-fusion", got ${JSON.stringify(o.kind)}`);
  }
  if (!Array.isArray(o.labels) || o.labels.join('\u0000') !== labels.join('\u0000')) {
    throw new Error(
      `${file}: "labels" must be the classifier's labels in order (${labels.join(', ')}), got ${JSON.stringify(o.labels)}`,
    );
  }
  if (!Array.isArray(o.features) || o.features.join('\u0000') !== CLINICAL_FEATURE_NAMES.join('\u0000')) {
    throw new Error(
      `${file}: "features" do not match this version's clinical features (${CLINICAL_FEATURE_COUNT}: ${CLINICAL_FEATURE_NAMES.join(', ')}); refit the fusion`,
    );
  }
  if (
    !Array.isArray(o.weights) ||
    o.weights.length !== CLINICAL_FEATURE_COUNT ||
    !o.weights.every((row) => finiteNumbers(row, labels.length))
  ) {
    throw new Error(
      `${file}: "weights" must be ${CLINICAL_FEATURE_COUNT} rows of ${labels.length} finite numbers`,
    );
  }
  if (!finiteNumbers(o.bias, labels.length)) {
    throw new Error(`${file}: "bias" must be ${labels.length} finite numbers`);
  }
  for (const key of ['metadataWeight', 'temperature'] as const) {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (key === 'temperature' && v === 0)) {
      throw new Error(
        `${file}: "${key}" must be a ${key === 'temperature' ? 'positive' : 'non-negative'} number`,
      );
    }
  }
  if (
    o.decisionOffsets !== null &&
    o.decisionOffsets !== undefined &&
    !finiteNumbers(o.decisionOffsets, labels.length)
  ) {
    throw new Error(`${file}: "decisionOffsets" must be null or ${labels.length} finite numbers`);
  }
  return {
    kind: 'clinical-metadata-fusion',
    labels: [...labels],
    features: [...CLINICAL_FEATURE_NAMES],
    weights: o.weights as number[][],
    bias: o.bias as number[],
    metadataWeight: o.metadataWeight as number,
    temperature: o.temperature as number,
    decisionOffsets: (o.decisionOffsets as number[] | null | undefined) ?? null,
    fittedOn: typeof o.fittedOn === 'string' ? o.fittedOn : '',
  };
}
