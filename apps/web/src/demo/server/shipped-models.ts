import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { resolveRepoRoot } from '@visioncad/db/repo-root';
import { parseModelCard, parseModelRegistry, type ModelCard } from '@visioncad/vision-core/models';
import {
  CLASSIFIER_CALIBRATION_FILE,
  parseClassifierCalibration,
} from '@visioncad/dermoscopy/models/classifier-calibration';
import { METADATA_FUSION_FILE, parseMetadataFusion } from '@visioncad/dermoscopy/clinical/metadata-fusion';
import { IMAGE_NOVELTY_FILE, parseImageNovelty } from '@visioncad/dermoscopy/models/image-novelty';
import { readSvmExpressionModelFile } from '@visioncad/fer/node/svm-expression-file';
import {
  DEMO_TASKS,
  type DemoModelInfo,
  type DemoModels,
  type DemoPosedModel,
  type DemoPosedModelInfo,
  type DemoTask,
  type ModelFigure,
} from '../demo-model-info';

// The public demo serves the models shipped in the repository's models/ folder (registry.json names
// the default per task), never $VISIONCAD_MODELS_DIR: anyone may download what the demo serves, and
// an operator's own models may have been trained on data that must not leave the site.

/** URL prefix under which model files are served (app/demo-assets/models/[model]/[file]). */
export const DEMO_MODELS_URL = '/demo-assets/models';

/** The figures the page shows when a card's evaluation set reports them, in this order. */
const HEADLINE_FIGURES = [
  'accuracy',
  'balancedAccuracy',
  'macroF1',
  'rocAucMacro',
  'dice',
  'jaccard',
  'flagged',
  'n',
];

/** <repo>/models: the folder of shipped models. */
export function shippedModelsDir(): string {
  return path.join(resolveRepoRoot(), 'models');
}

async function readJson(file: string, shownAs: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${shownAs} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${shownAs} is not valid JSON`);
  }
}

/** Registry task of the posed-expression SVM the demo runs beside the FER network. */
export const DEMO_POSED_TASK = 'fer-posed';

async function readRegistry(modelsDir: string) {
  return parseModelRegistry(
    await readJson(path.join(modelsDir, 'registry.json'), 'models/registry.json'),
    'models/registry.json',
  );
}

/** The model directory the registry names for each demo task. */
async function demoModelDirs(modelsDir: string): Promise<Partial<Record<DemoTask, string>>> {
  const registry = await readRegistry(modelsDir);
  return Object.fromEntries(
    DEMO_TASKS.filter((task) => registry.tasks[task]).map((task) => [task, registry.tasks[task].model]),
  );
}

/** Weight file names listed in a model.json's weightsManifest. */
function weightFiles(modelJson: unknown, shownAs: string): string[] {
  const manifest = (modelJson as { weightsManifest?: unknown } | null)?.weightsManifest;
  if (!Array.isArray(manifest)) throw new Error(`${shownAs} has no weightsManifest array`);
  return manifest.flatMap((group: unknown, index) => {
    const paths = (group as { paths?: unknown } | null)?.paths;
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string' && /^[\w.-]+$/.test(p))) {
      throw new Error(`${shownAs}: weightsManifest[${index}].paths must list plain file names`);
    }
    return paths as string[];
  });
}

/** The card's evaluation sets that report any headline figure, with those figures. */
function headlineFigures(card: ModelCard): DemoModelInfo['metrics'] {
  return Object.entries(card.metrics)
    .map(([set, values]) => ({
      set,
      figures: HEADLINE_FIGURES.flatMap((name): ModelFigure[] =>
        typeof values[name] === 'number' ? [{ name, value: values[name] as number }] : [],
      ),
    }))
    .filter(({ figures }) => figures.length > 0);
}

/** calibration.json of a classifier (temperature and decision rule), or null when it ships none. */
/** An optional JSON file beside a model (calibration.json, metadata-fusion.json), parsed; null when absent. */
async function readOptional<T>(
  modelDir: string,
  shownAs: string,
  name: string,
  parse: (json: unknown, shownAs: string) => T,
): Promise<T | null> {
  const file = path.join(modelDir, name);
  const exists = await stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!exists) return null;
  return parse(await readJson(file, `${shownAs}/${name}`), `${shownAs}/${name}`);
}

async function describeModel(modelsDir: string, task: DemoTask, model: string): Promise<DemoModelInfo> {
  const dir = path.join(modelsDir, model);
  const shownAs = `models/${model}`;
  const card = parseModelCard(
    await readJson(path.join(dir, 'card.json'), `${shownAs}/card.json`),
    `${shownAs}/card.json`,
  );
  if (card.task !== task) throw new Error(`${shownAs}/card.json is for task "${card.task}", not "${task}"`);
  const modelJson = await readJson(path.join(dir, 'model.json'), `${shownAs}/model.json`);
  const files = ['model.json', ...weightFiles(modelJson, `${shownAs}/model.json`)];
  const downloadBytes = await totalBytes(dir, files, shownAs);
  const calibration = await readOptional(dir, shownAs, CLASSIFIER_CALIBRATION_FILE, (json, file) =>
    parseClassifierCalibration(json, file, card.labels),
  );
  const metadataFusion = await readOptional(dir, shownAs, METADATA_FUSION_FILE, (json, file) =>
    parseMetadataFusion(json, file, card.labels),
  );
  // Checked here so a broken file is reported on the page; the browser downloads it when it screens.
  const novelty = await readOptional(dir, shownAs, IMAGE_NOVELTY_FILE, parseImageNovelty);
  return {
    task,
    model,
    name: card.name,
    version: card.version,
    architecture: card.architecture,
    labels: card.labels,
    input: { width: card.input.width, height: card.input.height, channels: card.input.channels },
    faceFraming: card.input.faceFraming
      ? {
          x: card.input.faceFraming.x,
          y: card.input.faceFraming.y,
          distance: card.input.faceFraming.distance,
        }
      : null,
    quantization: card.weights?.quantization ?? 'unknown',
    downloadBytes,
    metrics: headlineFigures(card),
    limits: card.limits,
    modelUrl: `${DEMO_MODELS_URL}/${encodeURIComponent(model)}/model.json?v=${encodeURIComponent(card.version)}`,
    temperature: calibration?.temperature ?? null,
    decisionOffsets: calibration?.decisionRule?.offsets ?? null,
    metadataFusion,
    shadesOfGray: card.input.shadesOfGray ?? null,
    noveltyUrl: novelty
      ? `${DEMO_MODELS_URL}/${encodeURIComponent(model)}/${IMAGE_NOVELTY_FILE}?v=${encodeURIComponent(card.version)}`
      : null,
  };
}

/** Summed sizes of a model directory's files, naming the first one missing. */
async function totalBytes(dir: string, files: readonly string[], shownAs: string): Promise<number> {
  const sizes = await Promise.all(
    files.map((file) =>
      stat(path.join(dir, file)).then(
        (s) => s.size,
        () => {
          throw new Error(`${shownAs}/${file} is missing`);
        },
      ),
    ),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

/** svm.json (2 MB) parsed once per version of the file: every demo page render and CNN asset request needs it. */
const svmCache = new Map<string, { key: string; read: ReturnType<typeof readSvmExpressionModelFile> }>();

async function readSvmCached(dir: string): ReturnType<typeof readSvmExpressionModelFile> {
  const file = path.join(dir, 'svm.json');
  const key = await stat(file).then(
    (s) => `${s.mtimeMs}:${s.size}`,
    () => 'missing',
  );
  const hit = svmCache.get(file);
  if (hit && hit.key === key) return hit.read;
  const read = readSvmExpressionModelFile(dir);
  svmCache.set(file, { key, read });
  read.catch(() => svmCache.delete(file));
  return read;
}

/**
 * The posed-expression SVM and the folder of its feature CNN, which must be another folder of
 * models/ (the demo serves nothing outside it).
 */
async function posedModelFiles(modelsDir: string, model: string) {
  const dir = path.join(modelsDir, model);
  const shownAs = `models/${model}`;
  const { json, cnnDir } = await readSvmCached(dir);
  let cnnModel: string | null = null;
  if (cnnDir) {
    cnnModel = path.basename(cnnDir);
    if (path.resolve(path.dirname(cnnDir)) !== path.resolve(modelsDir)) {
      throw new Error(
        `${shownAs}/svm.json names its feature CNN outside models/ (${json.features.cnn!.model}); the demo serves only models/<name>`,
      );
    }
  }
  return { dir, shownAs, json, cnnModel };
}

/**
 * The registry's posed-expression SVM (fer-posed) as the demo describes and loads it, the reason it
 * cannot be offered, or null when the registry names none.
 */
export async function readDemoPosedModel(modelsDir = shippedModelsDir()): Promise<DemoPosedModel> {
  let model: string | undefined;
  try {
    model = (await readRegistry(modelsDir)).tasks[DEMO_POSED_TASK]?.model;
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  if (!model) return null;
  try {
    const { dir, shownAs, json, cnnModel } = await posedModelFiles(modelsDir, model);
    const card = parseModelCard(
      await readJson(path.join(dir, 'card.json'), `${shownAs}/card.json`),
      `${shownAs}/card.json`,
    );
    let cnnBytes = 0;
    if (cnnModel) {
      const cnnShownAs = `models/${cnnModel}`;
      const modelJson = await readJson(
        path.join(modelsDir, cnnModel, 'model.json'),
        `${cnnShownAs}/model.json`,
      );
      cnnBytes = await totalBytes(
        path.join(modelsDir, cnnModel),
        ['model.json', ...weightFiles(modelJson, `${cnnShownAs}/model.json`)],
        cnnShownAs,
      );
    }
    const version = encodeURIComponent(card.version);
    const info: DemoPosedModelInfo = {
      model,
      name: card.name,
      version: card.version,
      architecture: card.architecture,
      labels: json.classes,
      faceSize: json.faceSize,
      downloadBytes: (await totalBytes(dir, ['svm.json'], shownAs)) + cnnBytes,
      metrics: headlineFigures(card),
      svmUrl: `${DEMO_MODELS_URL}/${encodeURIComponent(model)}/svm.json?v=${version}`,
      cnnUrl: cnnModel ? `${DEMO_MODELS_URL}/${encodeURIComponent(cnnModel)}/model.json?v=${version}` : null,
    };
    return { ok: true, info };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** Each demo task's shipped model with its card figures, or the reason it cannot be offered. */
export async function readDemoModels(modelsDir = shippedModelsDir()): Promise<DemoModels> {
  let dirs: Partial<Record<DemoTask, string>>;
  try {
    dirs = await demoModelDirs(modelsDir);
  } catch (error) {
    const failed = { ok: false as const, error: (error as Error).message };
    return { fer: failed, 'lesion-segmentation': failed, 'lesion-classification': failed };
  }
  const entries = await Promise.all(
    DEMO_TASKS.map(async (task) => {
      const model = dirs[task];
      if (!model)
        return [task, { ok: false, error: `models/registry.json has no model for "${task}"` }] as const;
      try {
        return [task, { ok: true, info: await describeModel(modelsDir, task, model) }] as const;
      } catch (error) {
        return [task, { ok: false, error: (error as Error).message }] as const;
      }
    }),
  );
  return Object.fromEntries(entries) as DemoModels;
}

/**
 * The file on disk behind /demo-assets/models/<model>/<file>, or null when the demo does not serve
 * it: model.json and its listed weight files of a model the registry assigns to a demo task (and its
 * novelty.json), and of the posed-expression SVM's feature CNN; that SVM's svm.json.
 */
export async function demoModelFile(
  model: string,
  file: string,
  modelsDir = shippedModelsDir(),
): Promise<string | null> {
  const registry = await readRegistry(modelsDir);
  const demoModels = DEMO_TASKS.flatMap((task) => (registry.tasks[task] ? [registry.tasks[task].model] : []));
  let served = demoModels.includes(model);
  const posed = registry.tasks[DEMO_POSED_TASK]?.model;
  if (!served && posed) {
    if (model === posed) return file === 'svm.json' ? path.join(modelsDir, model, file) : null;
    served = (await posedModelFiles(modelsDir, posed)).cnnModel === model;
  }
  if (!served) return null;
  const dir = path.join(modelsDir, model);
  if (file === 'model.json') return path.join(dir, file);
  if (file === IMAGE_NOVELTY_FILE && demoModels.includes(model)) {
    const found = path.join(dir, file);
    return (await stat(found).then(
      (s) => s.isFile(),
      () => false,
    ))
      ? found
      : null;
  }
  const listed = weightFiles(
    await readJson(path.join(dir, 'model.json'), `models/${model}/model.json`),
    model,
  );
  return listed.includes(file) ? path.join(dir, file) : null;
}
