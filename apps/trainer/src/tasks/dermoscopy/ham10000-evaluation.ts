// What `trainer evaluate` does with a HAM10000 classifier (CNN, feature SVM or ensemble): it picks
// the images of the folder the model never saw (fitted-on.json, else its card's seeded test split),
// scores the calibrated probabilities (melanoma vs rest, plots, the balanced decision rule when the
// model keeps one) and, when the model ships metadata-fusion.json, the diagnosis it serves with the
// patient's age, sex and body site from the folder's metadata CSV.
import { fuseClinicalMetadata } from '@visioncad/dermoscopy/clinical/metadata-fusion';
import { readMetadataFusion } from '@visioncad/dermoscopy/models/load-models.node';

import type { EvaluateRequest } from '../../trainer-task';
import {
  classificationMetrics,
  decisionRuleEvaluation,
  evenStride,
  writeClassificationPlots,
} from './classification-evaluation';
import { decisionRuleMetrics } from './decision-rule';
import { heldOutHam10000, type HeldOutRecord } from './held-out-data';
import { HAM_LABELS, ham10000ImageWithMetadata, type HamImageWithMetadata } from './ham10000-split';

/** The images `evaluate` scores (at most `limit`, at an even stride so every class stays) and why. */
export async function ham10000EvaluationImages(
  request: Pick<EvaluateRequest, 'data' | 'modelDir' | 'card' | 'limit'>,
): Promise<{ images: HamImageWithMetadata[]; heldOut: HeldOutRecord }> {
  const chosen = await heldOutHam10000(request.data, request.modelDir, request.card.seed);
  const images = evenStride(chosen.items.map(ham10000ImageWithMetadata), request.limit);
  return {
    images,
    heldOut: {
      ...chosen.heldOut,
      scored: images.length,
      ...(images.length < chosen.items.length
        ? { rule: `${chosen.heldOut.rule}; --limit ${images.length}` }
        : {}),
    },
  };
}

/**
 * The fused diagnosis's scores (what analyze() and the portal report for a case with age, sex and
 * site) when the model ships metadata-fusion.json; null otherwise. `probs` are the calibrated
 * probabilities of the image alone, in HAM10000 label order.
 */
export async function metadataFusionEvaluation(
  modelDir: string,
  images: readonly HamImageWithMetadata[],
  probs: readonly number[][],
): Promise<Record<string, unknown> | null> {
  const fusion = await readMetadataFusion(modelDir, HAM_LABELS);
  if (!fusion) return null;
  const fused = images.map(
    (image, i) => fuseClinicalMetadata(probs[i], image.metadata, fusion).probabilities,
  );
  const offsets = fusion.decisionOffsets ?? HAM_LABELS.map(() => 0);
  return {
    ...decisionRuleMetrics(
      fused,
      images.map((s) => s.label),
      HAM_LABELS,
      offsets,
      'mel',
    ),
    decisionRule: 'clinical-metadata-fusion',
    fusedDecision: fusion.decisionOffsets ? 'logit-adjustment' : 'most-probable',
    fittedOn: fusion.fittedOn,
  };
}

/**
 * What `evaluate` reports for a HAM10000 classifier: the metrics of its temperature-scaled
 * log-probabilities (melanoma vs rest), their plots beside `out`, the balanced decision rule's scores
 * when the model directory has one, and the diagnosis with the clinical metadata when it has a fusion.
 */
export async function scoreHamTest(
  modelDir: string,
  out: string,
  format: string,
  logProbs: number[][],
  images: readonly HamImageWithMetadata[],
  temperature: number,
  heldOut: HeldOutRecord,
): Promise<Record<string, unknown>> {
  const yTrue = images.map((s) => s.label);
  const { probs, ...metrics } = classificationMetrics(logProbs, yTrue, HAM_LABELS, temperature, 'mel');
  const stem = out.replace(/\.json$/, '');
  const plots = await writeClassificationPlots(
    stem,
    HAM_LABELS,
    yTrue,
    probs,
    metrics.confusionMatrix,
    metrics.ece,
  );
  const balancedRule = await decisionRuleEvaluation(modelDir, HAM_LABELS, yTrue, probs, stem, 'mel');
  const withMetadata = await metadataFusionEvaluation(modelDir, images, probs);
  return {
    format,
    heldOut,
    ...metrics,
    plots,
    ...(balancedRule ? { balancedRule } : {}),
    ...(withMetadata ? { withMetadata } : {}),
  };
}
