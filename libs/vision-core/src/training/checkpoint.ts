import * as tf from '@tensorflow/tfjs-core';
import type { EarlyStoppingState } from './early-stopping';
import type { ScheduleState } from './lr-schedules';
import type { EpochLog } from './metrics-log';
import type { OptimizerConfig } from './optimizers';

/** A tensor with a name, as tfjs optimizers' getWeights() returns (tfjs-core does not export the type). */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** Where checkpoints live; `save` must replace the previous checkpoint atomically. */
export interface CheckpointStore {
  /** The last complete checkpoint, or null when there is none. */
  load(): Promise<Uint8Array | null>;
  save(bytes: Uint8Array): Promise<void>;
  /** Human-readable location for messages (a file path, "memory"). */
  readonly location: string;
}

/** A CheckpointStore in memory (tests, or a browser tab that only needs to survive a failed step). */
export class MemoryCheckpointStore implements CheckpointStore {
  readonly location = 'memory';
  private bytes: Uint8Array | null = null;
  saves = 0;

  async load(): Promise<Uint8Array | null> {
    return this.bytes && this.bytes.slice();
  }

  async save(bytes: Uint8Array): Promise<void> {
    this.bytes = bytes.slice();
    this.saves++;
  }
}

/** Everything besides tensors that an exact resume needs. */
export interface CheckpointState {
  /** Epoch in progress (0-based) and batches of it already applied. */
  epoch: number;
  batchInEpoch: number;
  /** Optimizer steps taken over the whole run. */
  globalStep: number;
  /** Seed of the step RNG (dropout, noise layers). */
  seed: number;
  /** Training data identity: shuffle order and augmentation derive from (datasetSeed, epoch, position). */
  datasetFingerprint: string;
  datasetSeed: number;
  optimizer: OptimizerConfig;
  schedule?: ScheduleState;
  earlyStopping?: EarlyStoppingState;
  /** Running sums of the epoch in progress, so its log comes out the same after a resume. */
  epochProgress: { lossSum: number; correct: number; seen: number; trainSeconds: number; lr: number };
  history: EpochLog[];
  /** Set once EarlyStopping has ended the run, so a restart does not train past the stop. */
  earlyStopped?: boolean;
  /** Models in the stochastic weight average so far (averagedWeights holds their mean). */
  averagedModels?: number;
  savedAt: string;
}

/** A decoded checkpoint; the caller owns (and disposes) the tensors. */
export interface TrainingCheckpoint {
  state: CheckpointState;
  /** All model weights (trainable and not) in model.weights order. */
  modelWeights: NamedTensor[];
  optimizerState: NamedTensor[];
  /** Weights of the best epoch so far, kept for EarlyStopping.restoreBestWeights. */
  bestWeights?: NamedTensor[];
  /** The stochastic weight average's mean, in model.trainableWeights order (FitOptions.weightAveraging). */
  averagedWeights?: NamedTensor[];
}

const MAGIC = 'VCCKPT1\n';
const GROUPS = ['modelWeights', 'optimizerState', 'bestWeights', 'averagedWeights'] as const;

interface Header {
  format: 'visioncad-checkpoint';
  version: 1;
  state: CheckpointState;
  groups: { name: (typeof GROUPS)[number]; specs: tf.io.WeightsManifestEntry[]; byteLength: number }[];
}

/**
 * Serializes a checkpoint into one buffer: the 8-byte magic "VCCKPT1\n", a little-endian uint32
 * header length, the JSON header (state + tensor specs), then the raw tensor bytes group by group.
 * One buffer lets a store replace the previous checkpoint with a single atomic rename.
 */
export async function encodeCheckpoint(checkpoint: TrainingCheckpoint): Promise<Uint8Array> {
  const groups: Header['groups'] = [];
  const chunks: Uint8Array[] = [];
  for (const name of GROUPS) {
    const tensors = checkpoint[name];
    if (!tensors) continue;
    // Prefix names with the position: restore is by order, and names need not be unique.
    const { data, specs } = await tf.io.encodeWeights(
      tensors.map((t, i) => ({ name: `${i}|${t.name}`, tensor: t.tensor })),
    );
    groups.push({ name, specs, byteLength: data.byteLength });
    chunks.push(new Uint8Array(data));
  }
  const header: Header = { format: 'visioncad-checkpoint', version: 1, state: checkpoint.state, groups };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const dataLength = chunks.reduce((s, c) => s + c.byteLength, 0);
  const out = new Uint8Array(MAGIC.length + 4 + headerBytes.byteLength + dataLength);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, headerBytes.byteLength, true);
  let offset = MAGIC.length + 4;
  out.set(headerBytes, offset);
  offset += headerBytes.byteLength;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** Parses a checkpoint written by encodeCheckpoint; `source` names it in errors. */
export function decodeCheckpoint(bytes: Uint8Array, source: string): TrainingCheckpoint {
  const magic = new TextDecoder().decode(bytes.subarray(0, MAGIC.length));
  if (magic !== MAGIC) throw new Error(`${source} is not a VisionCAD checkpoint (bad magic bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(MAGIC.length, true);
  const headerStart = MAGIC.length + 4;
  if (headerStart + headerLength > bytes.byteLength)
    throw new Error(`${source} is truncated inside its header`);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(headerStart, headerStart + headerLength)));
  } catch (e) {
    throw new Error(`${source} has an unreadable header: ${(e as Error).message}`);
  }
  if (header.format !== 'visioncad-checkpoint' || header.version !== 1) {
    throw new Error(
      `${source} has format ${header.format} v${header.version}; this build reads visioncad-checkpoint v1`,
    );
  }
  let offset = headerStart + headerLength;
  const expected = offset + header.groups.reduce((s, g) => s + g.byteLength, 0);
  if (expected !== bytes.byteLength) {
    throw new Error(
      `${source} has ${bytes.byteLength} bytes but its header describes ${expected}: the file is damaged`,
    );
  }
  const result: Partial<TrainingCheckpoint> = { state: header.state };
  for (const group of header.groups) {
    const data = bytes.slice(offset, offset + group.byteLength).buffer;
    const map = tf.io.decodeWeights(data, group.specs);
    result[group.name] = group.specs.map((s) => ({
      name: s.name.slice(s.name.indexOf('|') + 1),
      tensor: map[s.name],
    }));
    offset += group.byteLength;
  }
  if (!result.modelWeights || !result.optimizerState)
    throw new Error(`${source} lacks model or optimizer tensors`);
  return result as TrainingCheckpoint;
}
