import { dice, jaccard, thresholdedJaccard } from '@visioncad/vision-core/metrics';

import { segmentLesionOtsu, type OtsuChannel } from '../segmentation/otsu-segmentation';
import { loadPh2 } from './datasets/ph2';
import { analysePh2Case, PH2_SPLIT_SEED, splitPh2ForTuning } from './ph2-analysis';

/** One configuration of the classical baseline. */
export interface OtsuConfig {
  input: 'enhanced' | 'colourCorrected';
  channel: OtsuChannel;
}

/** Mean and median overlap of predicted and expert masks. */
export interface OverlapSummary {
  n: number;
  meanDice: number;
  medianDice: number;
  meanJaccard: number;
  /** ISIC 2018 score: mean of per-image Jaccard, zeroed below 0.65. */
  meanThresholdedJaccard: number;
}

/** The Otsu-baseline segmentation report written to reports/segmentation-otsu-ph2.json. */
export interface SegmentationPh2Report {
  command: string;
  method: string;
  dataset: { name: 'PH2'; cases: number };
  split: { seed: number; stratifiedBy: 'clinical_diagnosis'; tuneCases: number; heldOutCases: number };
  chosenConfig: OtsuConfig;
  tuneByConfig: Array<OtsuConfig & { meanDice: number }>;
  heldOut: OverlapSummary;
  allCases: OverlapSummary;
  secondsPerCase: number;
}

const CONFIGS: OtsuConfig[] = [
  { input: 'enhanced', channel: 'blue' },
  { input: 'enhanced', channel: 'luma' },
  { input: 'colourCorrected', channel: 'blue' },
  { input: 'colourCorrected', channel: 'luma' },
];

const round = (v: number) => Math.round(v * 10000) / 10000;

function summarise(rows: Array<{ dice: number; jaccard: number; tj: number }>): OverlapSummary {
  const mean = (f: (r: (typeof rows)[number]) => number) =>
    round(rows.reduce((s, r) => s + f(r), 0) / rows.length);
  const sorted = rows.map((r) => r.dice).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return {
    n: rows.length,
    meanDice: mean((r) => r.dice),
    medianDice: round(median),
    meanJaccard: mean((r) => r.jaccard),
    meanThresholdedJaccard: mean((r) => r.tj),
  };
}

/**
 * Measures the classical Otsu segmentation baseline against the PH2 expert masks: the input image
 * and channel are chosen on a seeded, diagnosis-stratified half; the other half is reported.
 */
export async function evaluateOtsuOnPh2(
  dataDir: string,
  command: string,
  onProgress: (id: string) => void = () => {},
): Promise<SegmentationPh2Report> {
  const started = Date.now();
  const scored: Array<{
    id: string;
    clinicalDiagnosis: string;
    byConfig: Array<{ dice: number; jaccard: number; tj: number }>;
  }> = [];
  for (const ph2Case of await loadPh2(dataDir)) {
    const a = await analysePh2Case(ph2Case);
    const truth = a.expertMask.data;
    scored.push({
      id: ph2Case.id,
      clinicalDiagnosis: ph2Case.clinicalDiagnosis,
      byConfig: CONFIGS.map((config) => {
        const pred = segmentLesionOtsu(a.preprocessed[config.input], { channel: config.channel }).mask.data;
        return {
          dice: dice(truth, pred),
          jaccard: jaccard(truth, pred),
          tj: thresholdedJaccard(truth, pred),
        };
      }),
    });
    onProgress(ph2Case.id);
  }
  const secondsPerCase = (Date.now() - started) / 1000 / scored.length;
  const { tune, heldOut } = splitPh2ForTuning(scored);
  const tuneByConfig = CONFIGS.map((config, k) => ({
    ...config,
    meanDice: summarise(tune.map((c) => c.byConfig[k])).meanDice,
  }));
  const best = tuneByConfig.reduce((a, b, k) => (b.meanDice > tuneByConfig[a].meanDice ? k : a), 0);
  return {
    command,
    method:
      'preprocessDermoscopy (DullRazor-style hair removal, 3x3 median, shades of gray p=6; the enhanced input adds CLAHE on luma), then segmentLesionOtsu (Otsu on one channel, opening+closing r=3, main component, holes filled)',
    dataset: { name: 'PH2', cases: scored.length },
    split: {
      seed: PH2_SPLIT_SEED,
      stratifiedBy: 'clinical_diagnosis',
      tuneCases: tune.length,
      heldOutCases: heldOut.length,
    },
    chosenConfig: CONFIGS[best],
    tuneByConfig,
    heldOut: summarise(heldOut.map((c) => c.byConfig[best])),
    allCases: summarise(scored.map((c) => c.byConfig[best])),
    secondsPerCase: round(secondsPerCase),
  };
}
