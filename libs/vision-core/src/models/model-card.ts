// The model card every shipped model carries (models/<name>/card.json): what it is, what it was
// trained on, how to reproduce it and how well it did on data it never trained on.

/** Input contract of a model: tensor shape and the preprocessing the caller must apply. */
export interface ModelInput {
  width: number;
  height: number;
  channels: 1 | 3;
  /** Free-text preprocessing steps in order, e.g. ["face crop", "grayscale", "scale 0..1"]. */
  preprocessing: string[];
  /**
   * Face models: where the eyes sat in the training crops, as fractions of the crop side (mean eye
   * midpoint and eye distance over the crops' landmarks), so callers cut new faces the same way.
   */
  faceFraming?: FaceFraming;
  /**
   * Image models trained on colour-corrected input: each image, after resizing to the input side, is
   * corrected by shades of gray with this Minkowski norm before the network reads it, at training
   * and by every caller.
   */
  shadesOfGray?: { p: number };
}

/** The eye framing of a face model's training crops, and how it was measured. */
export interface FaceFraming {
  x: number;
  y: number;
  distance: number;
  /** The command that measured it and on what (e.g. 2,000 FER2013 training crops). */
  measured: string;
}

/** Dataset provenance: which data, how it was split, and the licence terms. */
export interface ModelCardData {
  dataset: string;
  split: string;
  trainSize: number;
  validationSize?: number;
  testSize: number;
  citation?: string;
}

export interface ModelCard {
  name: string;
  version: string;
  /** Task key used by models/registry.json, e.g. "fer", "lesion-segmentation". */
  task: string;
  architecture: string;
  labels: string[];
  input: ModelInput;
  data: ModelCardData;
  /** The exact command that produced the artifact, runnable from the repo root. */
  command: string;
  seed: number;
  /** Held-out metrics (JSON from `trainer evaluate`), keyed by evaluation set name. */
  metrics: Record<string, Record<string, unknown>>;
  /** Known limits and failure modes a user must know. */
  limits: string[];
  training: {
    epochs: number;
    backend: string;
    durationSeconds: number;
    parameters: number;
    optimizer: string;
  };
  weights: { quantization: 'none' | 'float16' | 'uint8'; bytes: number };
  createdAt: string;
}

/** Validates parsed JSON as a model card; `source` names the file in errors. */
export function parseModelCard(json: unknown, source: string): ModelCard {
  const fail = (field: string, why: string): never => {
    throw new Error(`model card ${source}: field "${field}" ${why}`);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('(root)', 'must be an object');
  const o = json as Record<string, unknown>;
  for (const f of ['name', 'version', 'task', 'architecture', 'command', 'createdAt'] as const) {
    if (typeof o[f] !== 'string' || (o[f] as string).length === 0) fail(f, 'must be a non-empty string');
  }
  if (!Array.isArray(o.labels) || o.labels.length < 1 || !o.labels.every((l) => typeof l === 'string')) {
    fail('labels', 'must be a non-empty array of strings');
  }
  const input = o.input as Record<string, unknown> | undefined;
  if (!input || typeof input !== 'object') fail('input', 'is missing');
  for (const f of ['width', 'height'] as const) {
    const v = input![f];
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) fail(`input.${f}`, 'must be a positive integer');
  }
  if (input!.channels !== 1 && input!.channels !== 3) fail('input.channels', 'must be 1 or 3');
  if (input!.faceFraming !== undefined) {
    const framing = input!.faceFraming as Record<string, unknown> | null;
    for (const f of ['x', 'y', 'distance'] as const) {
      const v = framing?.[f];
      if (typeof v !== 'number' || !(v >= 0 && v <= 1) || (f === 'distance' && v === 0)) {
        fail(`input.faceFraming.${f}`, 'must be a fraction of the crop side (distance above 0)');
      }
    }
  }
  if (input!.shadesOfGray !== undefined) {
    const p = (input!.shadesOfGray as Record<string, unknown> | null)?.p;
    if (typeof p !== 'number' || !(p >= 1)) fail('input.shadesOfGray.p', 'must be a Minkowski norm >= 1');
    if (input!.channels !== 3) fail('input.shadesOfGray', 'needs an RGB input (channels 3)');
  }
  if (typeof o.seed !== 'number') fail('seed', 'must be a number');
  if (typeof o.metrics !== 'object' || o.metrics === null) fail('metrics', 'must be an object');
  if (typeof o.data !== 'object' || o.data === null) fail('data', 'must be an object');
  if (!Array.isArray(o.limits)) fail('limits', 'must be an array of strings');
  return o as unknown as ModelCard;
}

/** Renders the card as Markdown for card.md, for people reading the repository. */
export function renderModelCardMarkdown(card: ModelCard): string {
  const lines: string[] = [
    `# ${card.name} ${card.version}`,
    '',
    `Task: \`${card.task}\` · Architecture: ${card.architecture}`,
    '',
    `Labels: ${card.labels.join(', ')}`,
    '',
    `Input: ${card.input.width}x${card.input.height}x${card.input.channels}; ${card.input.preprocessing.join(' → ')}`,
    '',
    ...(card.input.faceFraming
      ? [
          `Face framing: eye midpoint at (${card.input.faceFraming.x.toFixed(3)}, ${card.input.faceFraming.y.toFixed(3)}), ` +
            `eyes ${card.input.faceFraming.distance.toFixed(3)} apart, as fractions of the crop side; ` +
            `new faces are cut the same way from their landmarks (${card.input.faceFraming.measured})`,
          '',
        ]
      : []),
    '## Data',
    '',
    `- Dataset: ${card.data.dataset}`,
    `- Split: ${card.data.split}`,
    `- Sizes: train ${card.data.trainSize}` +
      (card.data.validationSize !== undefined ? `, validation ${card.data.validationSize}` : '') +
      `, test ${card.data.testSize}`,
  ];
  if (card.data.citation) lines.push(`- Citation: ${card.data.citation}`);
  lines.push(
    '',
    '## Reproduce',
    '',
    '```sh',
    card.command,
    '```',
    '',
    `Seed ${card.seed}; ${card.training.epochs} epochs on the ${card.training.backend} backend in ` +
      `${Math.round(card.training.durationSeconds / 60)} min; ${card.training.parameters.toLocaleString('en')} ` +
      `parameters; ${card.training.optimizer}. Weights: ${card.weights.quantization}, ` +
      `${(card.weights.bytes / 1024).toFixed(0)} KiB.`,
    '',
    '## Metrics (data never trained on)',
    '',
  );
  for (const [set, m] of Object.entries(card.metrics)) {
    lines.push(`### ${set}`, '');
    for (const [k, v] of Object.entries(m)) {
      if (typeof v === 'number') lines.push(`- ${k}: ${Number.isInteger(v) ? v : v.toFixed(4)}`);
    }
    lines.push('');
  }
  lines.push('## Limits', '', ...card.limits.map((l) => `- ${l}`), '');
  return lines.join('\n');
}
