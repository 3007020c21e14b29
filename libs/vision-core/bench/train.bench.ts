// Training/inference throughput of the two reference workloads, optionally side by side with the
// PyTorch peer (shared/bench/torch_reference.py). Run: npm run bench:train -- [options]
//   --peer <torch_reference.py>  also run the peer (needs /usr/bin/python3 with torch), interleaved
//   --batches <n>                timed batches per measurement (default 10, like the peer)
//   --rounds <n>                 alternate ours/peer this many times; ratios use the medians (default 1)
//   --workloads fer,resnet       which workloads (default both)
//   --backend <name>             tensorflow|webgpu|wasm|cpu (default: selectBackend's choice)
//   --threads <n>                XNNPACK threads (default VISIONCAD_THREADS, else all cores)
//   --profile                    print the per-kernel time of the training steps
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { NODE_BACKENDS, parseBackendName } from '../src/backend/backend-choice';
import { selectBackend } from '../src/backend/select-backend-node';
import { buildFerReferenceNet, buildResnetReferenceNet } from '../src/backend/reference-nets';
import { KernelProfiler } from './kernel-profiler';

const BATCH = 64;
const PEER_PYTHON = '/usr/bin/python3';
const WORKLOADS = {
  fer: { build: () => buildFerReferenceNet(), inputShape: [48, 48, 1] },
  resnet: { build: () => buildResnetReferenceNet(), inputShape: [128, 128, 3] },
} as const;
type Workload = keyof typeof WORKLOADS;

interface Throughput {
  train: number;
  infer: number;
}

const { values } = parseArgs({
  options: {
    peer: { type: 'string' },
    batches: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '1' },
    workloads: { type: 'string', default: 'fer,resnet' },
    backend: { type: 'string' },
    threads: { type: 'string' },
    profile: { type: 'boolean', default: false },
  },
});

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} must be a positive integer, got '${value}'`);
  return n;
}

const batches = positiveInt(values.batches, 'batches');
const rounds = positiveInt(values.rounds, 'rounds');
const workloads = values.workloads.split(',').map((w) => {
  if (!(w in WORKLOADS)) throw new Error(`--workloads: unknown workload '${w}', expected fer and/or resnet`);
  return w as Workload;
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function softmaxCrossEntropy(labels: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  return tf.losses.softmaxCrossEntropy(labels, logits);
}

async function measureOurs(workload: Workload, profiler?: KernelProfiler): Promise<Throughput> {
  const { build, inputShape } = WORKLOADS[workload];
  const model = build();
  model.compile({ optimizer: tf.train.adam(1e-3), loss: softmaxCrossEntropy });
  const x = tf.randomNormal([BATCH, ...inputShape]);
  const y = tf.oneHot(tf.randomUniform([BATCH], 0, 7, 'int32') as tf.Tensor1D, 7);
  // One warm-up step, as the peer does: operator creation and JIT are not throughput.
  await model.trainOnBatch(x, y);
  profiler?.reset();
  let start = performance.now();
  for (let i = 0; i < batches; i++) await model.trainOnBatch(x, y);
  const train = (batches * BATCH) / ((performance.now() - start) / 1000);
  if (profiler) printProfile(`TRAIN ${workload}`, profiler, (performance.now() - start) / batches);

  tf.tidy(() => (model.predict(x, { batchSize: BATCH }) as tf.Tensor).dataSync());
  profiler?.reset();
  start = performance.now();
  for (let i = 0; i < batches; i++)
    tf.tidy(() => (model.predict(x, { batchSize: BATCH }) as tf.Tensor).dataSync());
  const infer = (batches * BATCH) / ((performance.now() - start) / 1000);
  if (profiler) printProfile(`INFER ${workload}`, profiler, (performance.now() - start) / batches);
  tf.dispose([x, y]);
  model.dispose();
  return { train, infer };
}

function printProfile(what: string, profiler: KernelProfiler, stepMs: number): void {
  const rows = profiler.report();
  const kernelMs = rows.reduce((sum, r) => sum + r.ms, 0) / batches;
  console.log(`PROFILE ${what}: ${stepMs.toFixed(1)} ms/batch, in kernels ${kernelMs.toFixed(1)} ms/batch`);
  for (const r of rows.slice(0, 16)) {
    const ms = r.ms / batches;
    console.log(
      `  ${r.kernel.padEnd(48)} ${ms.toFixed(2).padStart(8)} ms ${((100 * ms) / stepMs).toFixed(1).padStart(5)}%  ${String(r.calls / batches).padStart(4)} calls`,
    );
  }
}

function peerAvailable(script: string): boolean {
  if (!existsSync(script)) throw new Error(`--peer: ${script} does not exist`);
  if (!existsSync(PEER_PYTHON)) return false;
  return spawnSync(PEER_PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

function measurePeer(script: string, workload: Workload): Throughput {
  const run = spawnSync(PEER_PYTHON, [script, workload, String(batches), '2'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`peer ${script} ${workload} failed: ${run.stderr}`);
  const figure = (kind: string) => {
    const match = new RegExp(`^${kind} ${workload} ([\\d.]+)$`, 'm').exec(run.stdout);
    if (!match) throw new Error(`peer printed no '${kind} ${workload}' line: ${run.stdout}`);
    return Number(match[1]);
  };
  return { train: figure('TRAIN'), infer: figure('INFER') };
}

const choice = await selectBackend({
  override: values.backend ? parseBackendName(values.backend, NODE_BACKENDS, '--backend') : undefined,
  threads: values.threads ? positiveInt(values.threads, 'threads') : undefined,
});
const peer = values.peer && peerAvailable(values.peer) ? values.peer : undefined;
if (values.peer && !peer)
  console.log(`PEER skipped: ${PEER_PYTHON} has no torch (apt-get install -y python3-torch)`);
let profiler: KernelProfiler | undefined;
if (values.profile) {
  profiler = new KernelProfiler(choice.name);
  profiler.install();
}

const ours: Record<string, Throughput[]> = {};
const theirs: Record<string, Throughput[]> = {};
for (let round = 0; round < rounds; round++) {
  for (const workload of workloads) {
    const o = await measureOurs(workload, round === 0 ? profiler : undefined);
    console.log(`TRAIN ${workload} ${o.train.toFixed(1)}`);
    console.log(`INFER ${workload} ${o.infer.toFixed(1)}`);
    (ours[workload] ??= []).push(o);
    if (peer) {
      const p = measurePeer(peer, workload);
      console.log(`PEER TRAIN ${workload} ${p.train.toFixed(1)}`);
      console.log(`PEER INFER ${workload} ${p.infer.toFixed(1)}`);
      (theirs[workload] ??= []).push(p);
    }
  }
}
if (peer) {
  for (const workload of workloads) {
    for (const kind of ['train', 'infer'] as const) {
      const ratio = median(ours[workload].map((o, i) => o[kind] / theirs[workload][i][kind]));
      console.log(
        `RATIO ${kind.toUpperCase()} ${workload} ${ratio.toFixed(2)} (ours/pytorch, median of ${rounds})`,
      );
    }
  }
}
console.log(`backend ${choice.name}: ${choice.reason}; batch ${BATCH}, ${batches} batches`);
process.exit(0);
