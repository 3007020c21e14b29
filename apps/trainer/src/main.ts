// VisionCAD trainer CLI: `npm run trainer -- <train|evaluate|export|tasks> ...`.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { selectBackend } from '@visioncad/vision-core/backend-node';
import { readModelCard } from '@visioncad/vision-core/models-node';
import { exportModel } from './commands/export-model';
import { findTask, trainerTasks } from './tasks';

const USAGE = `usage: npm run trainer -- <command> [options]

commands:
  tasks                                  list the tasks and their dataset formats
  train --task <task> [task options]     train a model (--task <task> --help for its options)
  evaluate --model <dir> --data <path> [--format <f>] [--limit <n>] --out <metrics.json>
                                         score a trained model on data it never trained on
  export --model <dir> --out <dir> [--quantize none|float16|uint8] [--test-time-flip [--test-time-zoom <px>]]
         [--member <nested network>]   write a browser-ready copy of a model (--test-time-flip:
                                         average it with its mirror image, baked into the graph;
                                         --test-time-zoom: also a centre zoom cropping <px> per side;
                                         --member: only that network of an ensemble or of a
                                         test-time-views model)

common options: --backend wasm|cpu|webgpu|tensorflow (or VISIONCAD_BACKEND)`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    console.log(USAGE);
    return;
  }
  switch (command) {
    case 'tasks':
      for (const t of trainerTasks)
        console.log(`${t.name}\t${t.description}\tformats: ${t.formats.join(', ')}`);
      return;
    case 'train':
      return train(rest);
    case 'evaluate':
      return evaluate(rest);
    case 'export':
      return exportCommand(rest);
    default:
      throw new Error(`unknown command "${command}"\n\n${USAGE}`);
  }
}

function backendFlag(args: string[]): string | undefined {
  const i = args.indexOf('--backend');
  return i >= 0 ? args[i + 1] : undefined;
}

async function useBackend(args: string[]): Promise<void> {
  const choice = await selectBackend({ override: backendFlag(args), log: (m) => console.error(m) });
  console.error(`backend: ${choice.name} (${choice.reason})`);
}

async function train(args: string[]): Promise<void> {
  const i = args.indexOf('--task');
  if (i < 0 || !args[i + 1])
    throw new Error('train needs --task <task>; `npm run trainer -- tasks` lists them');
  const task = findTask(args[i + 1]);
  const taskArgs = args.filter((_, j) => j !== i && j !== i + 1);
  if (taskArgs.includes('--help')) {
    console.log(task.usage);
    return;
  }
  await useBackend(taskArgs);
  await task.train(taskArgs);
}

async function evaluate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string' },
      data: { type: 'string' },
      format: { type: 'string' },
      limit: { type: 'string' },
      out: { type: 'string' },
      backend: { type: 'string' },
    },
    strict: true,
  });
  if (!values.model || !values.data || !values.out) {
    throw new Error('evaluate needs --model <dir> --data <path> --out <metrics.json>');
  }
  const card = await readModelCard(values.model);
  const task = findTask(card.task);
  if (values.format && !task.formats.includes(values.format)) {
    throw new Error(
      `--format ${values.format} is not a ${task.name} format; use one of ${task.formats.join(', ')}`,
    );
  }
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    throw new Error(`--limit must be a positive integer, got "${values.limit}"`);
  }
  await useBackend(args);
  await mkdir(dirname(values.out), { recursive: true });
  const metrics = await task.evaluate({
    modelDir: values.model,
    card,
    data: values.data,
    format: values.format,
    limit,
    out: values.out,
  });
  await writeFile(values.out, JSON.stringify(metrics, null, 2) + '\n');
  console.log(`wrote ${values.out}`);
}

async function exportCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string' },
      out: { type: 'string' },
      quantize: { type: 'string' },
      'test-time-flip': { type: 'boolean' },
      'test-time-zoom': { type: 'string' },
      member: { type: 'string' },
      backend: { type: 'string' },
    },
    strict: true,
  });
  if (!values.model || !values.out) throw new Error('export needs --model <dir> --out <dir>');
  // Loading the model needs an initialised backend (tfjs would otherwise pick wasm uninitialised).
  await useBackend(args);
  const q = values.quantize ?? 'float16';
  if (q !== 'none' && q !== 'float16' && q !== 'uint8') {
    throw new Error(`--quantize must be none, float16 or uint8, got "${q}"`);
  }
  const zoom = values['test-time-zoom'];
  const testTimeZoom = zoom === undefined ? undefined : Number(zoom);
  if (testTimeZoom !== undefined && !(Number.isInteger(testTimeZoom) && testTimeZoom > 0)) {
    throw new Error(`--test-time-zoom must be a whole number of pixels, got "${zoom}"`);
  }
  const bytes = await exportModel({
    modelDir: values.model,
    outDir: values.out,
    quantization: q,
    testTimeFlip: values['test-time-flip'] ?? false,
    testTimeZoom,
    member: values.member,
  });
  console.log(`exported ${values.model} → ${values.out} (${q}, ${(bytes / 1024).toFixed(0)} KiB of weights)`);
}

// Exit explicitly: the threaded wasm backend's workers would otherwise keep Node alive.
main(process.argv.slice(2)).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`trainer: ${e instanceof Error ? e.message : String(e)}`);
    // A TypeError or ReferenceError is a defect, not bad input: its stack is what a report needs.
    if (e instanceof TypeError || e instanceof ReferenceError) console.error(e.stack);
    process.exit(1);
  },
);
