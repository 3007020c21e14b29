// Node-only: `trainer train --task fer --ensemble <model dir>,<model dir>[,...] --data <path>
// --format <format> --out <dir>` — combines trained FER models into one probability-averaging model
// (seed 000's ensemble), scores it and every member on the same held-out faces, and writes the
// ensemble as an ordinary model directory (model.json + card), so `evaluate`, `export` and the
// portal treat it like any single model.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { buildAveragingEnsemble } from '@visioncad/vision-core/ensemble';
import { shellWords, type ModelCard } from '@visioncad/vision-core/models';
import {
  readJoinedFittedOn,
  readModelCard,
  writeFittedOn,
  writeModelCard,
} from '@visioncad/vision-core/models-node';
import { loadModel, saveModel } from '@visioncad/vision-core/training-node';
import { loadFerDataset, parseFerFormat } from './fer-datasets';
import { inputFrames, partitionScores, predictFaces, scoreFer } from './fer-evaluation';
import { evaluationFaces, FER2013_TEST_USAGES } from './fer-held-out';
import { writeFerPlots } from './fer-plots';

export const FER_ENSEMBLE_USAGE = `trainer train --task fer --ensemble <model dir>,<model dir>[,...] --data <path> --format <format> --out <dir>

  --ensemble <dirs>         comma-separated trained FER model directories (same labels and input)
  --data <path>             dataset to score on: FER2013 PublicTest, or all of CK+ / JAFFE for members
                            not trained on them
  --format <format>         fer2013-folder | fer2013-csv | ckplus48 | jaffe | emotion-folder
  --out <dir>               writes <dir>/model (the ensemble: model.json, card, metrics.json + plots)
                            and <dir>/members.json (every member's report on the same faces)
  --weights <w>,<w>[,...]   one positive weight per member (default equal), e.g. 2,1 when the first
                            member is itself an ensemble of two networks
  --limit <n>               score a seeded sample of n faces (quick checks)`;

/** One member's figures beside the ensemble's. */
export interface FerEnsembleResult {
  ensemble: Record<string, unknown>;
  members: { model: string; name: string; report: Record<string, unknown> }[];
  modelDir: string;
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Runs the ensemble command on its arguments (everything after `train --task fer`). */
export async function buildFerEnsemble(args: string[]): Promise<FerEnsembleResult> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      ensemble: { type: 'string' },
      data: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      limit: { type: 'string' },
      weights: { type: 'string' },
      backend: { type: 'string' },
    },
  });
  if (!values.ensemble || !values.data || !values.format || !values.out) {
    throw new Error(`--ensemble needs --data, --format and --out\n\n${FER_ENSEMBLE_USAGE}`);
  }
  const dirs = values.ensemble.split(',').filter((d) => d.length > 0);
  if (dirs.length < 2) throw new Error(`--ensemble needs at least 2 model directories, got ${dirs.length}`);
  const weights = values.weights?.split(',').map(Number);
  if (weights && (weights.length !== dirs.length || weights.some((w) => !(w > 0)))) {
    throw new Error(
      `--weights must be ${dirs.length} positive numbers, one per --ensemble member, got "${values.weights}"`,
    );
  }
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    throw new Error(`--limit must be a positive integer, got "${values.limit}"`);
  }
  const cards = await Promise.all(dirs.map((d) => readModelCard(d)));
  cards.forEach((card, i) => {
    if (card.task !== 'fer') throw new Error(`${dirs[i]}: a ${card.task} model, not a fer model`);
    if (!sameList(card.labels, cards[0].labels)) {
      throw new Error(
        `${dirs[i]} predicts ${card.labels.join(', ')} but ${dirs[0]} predicts ${cards[0].labels.join(', ')}; ensemble members need the same labels in the same order`,
      );
    }
  });
  const format = parseFerFormat(values.format);
  const dataset = await loadFerDataset(format, values.data, FER2013_TEST_USAGES);
  const models = await Promise.all(dirs.map((d) => loadModel(d)));
  const ensemble = buildAveragingEnsemble(models, 'fer_ensemble', weights);
  const modelDir = join(values.out, 'model');
  await saveModel(ensemble, modelDir);
  // The ensemble saw what each member saw.
  const fittedOn = await readJoinedFittedOn(dirs);
  const { faces, heldOut } = evaluationFaces(
    dataset,
    inputFrames(ensemble),
    cards,
    fittedOn,
    values.data,
    limit,
  );
  const labels = cards[0].labels;

  const members: FerEnsembleResult['members'] = [];
  for (const [i, model] of models.entries()) {
    const score = scoreFer(labels, dataset.classes, faces, await predictFaces(model, faces));
    members.push({
      model: dirs[i],
      name: cards[i].name,
      report: { ...score.report, skipped: score.skipped },
    });
  }
  // The figure for the ensemble comes from the saved model itself, loaded back from disk.
  const saved = await loadModel(modelDir);
  const probabilities = await predictFaces(saved, faces);
  const score = scoreFer(labels, dataset.classes, faces, probabilities);
  const partitions = partitionScores(labels, dataset.classes, faces, probabilities);
  const report = { ...score.report, skipped: score.skipped, ...(partitions ? { partitions } : {}) };
  const metricsPath = join(modelDir, 'metrics.json');
  await writeFile(metricsPath, JSON.stringify({ ...report, heldOut }, null, 2) + '\n');
  await writeFerPlots(metricsPath, score);
  await mkdir(values.out, { recursive: true });
  await writeFile(
    join(values.out, 'members.json'),
    JSON.stringify({ ensemble: report, heldOut, members }, null, 2) + '\n',
  );

  const testName = `${dataset.name} ${partitions ? Object.keys(partitions).join(' + ') : 'all faces'}`;
  const card: ModelCard = {
    name: 'fer-ensemble',
    version: new Date().toISOString().slice(0, 10),
    task: 'fer',
    architecture: `probability-averaging ensemble of ${cards.map((c, i) => `${dirs[i]} (${c.architecture})`).join('; ')}${weights ? `; weights ${weights.join(':')}` : ''}`,
    labels: [...labels],
    input: cards[0].input,
    data: {
      dataset: [...new Set(cards.map((c) => c.data.dataset))].join(' + '),
      split: cards.map((c, i) => `${dirs[i]}: ${c.data.split}`).join('; '),
      trainSize: Math.max(...cards.map((c) => c.data.trainSize)),
      validationSize: Math.max(...cards.map((c) => c.data.validationSize ?? 0)),
      testSize: faces.length,
      citation: cards[0].data.citation,
    },
    // The members' own commands first, so the chain rebuilds the ensemble from scratch.
    command: [
      ...new Set(cards.map((c) => c.command)),
      `npm run trainer -- train --task fer ${shellWords(args)}`,
    ].join(' && '),
    seed: cards[0].seed,
    metrics: {
      [testName]: report,
      ...Object.fromEntries(members.map((m) => [`${testName}, member ${m.model}`, m.report])),
    },
    limits: [
      `Runs ${cards.length} networks per face: ${cards.length}x the inference time and weights of one member.`,
      ...new Set(cards.flatMap((c) => c.limits)),
    ],
    training: {
      epochs: Math.max(...cards.map((c) => c.training.epochs)),
      backend: tf.getBackend(),
      durationSeconds: cards.reduce((total, c) => total + c.training.durationSeconds, 0),
      parameters: ensemble.countParams(),
      optimizer: `members trained separately (${cards.map((c, i) => `${dirs[i]}: ${c.training.optimizer}`).join('; ')})`,
    },
    weights: { quantization: 'none', bytes: ensemble.countParams() * 4 },
    createdAt: new Date().toISOString(),
  };
  await writeModelCard(modelDir, card);
  if (fittedOn) await writeFittedOn(modelDir, fittedOn);
  for (const model of [...models, ensemble, saved]) model.dispose();
  return { ensemble: report, members, modelDir };
}
