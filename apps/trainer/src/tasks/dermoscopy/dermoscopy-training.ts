// What the dermoscopy training runs share: option parsing, the dermoscopy augmentation, model-card
// command chains, and stopping cleanly on Ctrl-C.
import type { AugmentationConfig } from '@visioncad/vision-core/data';

/** Dermoscopy has no canonical orientation, so any rotation and a flip are label-preserving. */
export const DERMOSCOPY_AUGMENTATION: AugmentationConfig = {
  rotationRange: 180,
  widthShiftRange: 0.1,
  heightShiftRange: 0.1,
  zoomRange: 0.15,
  horizontalFlip: true,
  brightnessRange: 0.1,
  contrastRange: 0.15,
  fillMode: 'reflect',
};

/** Parses the named string options as positive numbers, naming the flag when one is not. */
export function positiveNumbers<K extends string>(
  values: Partial<Record<K, unknown>>,
  names: readonly K[],
): number[] {
  return names.map((name) => {
    const v = Number(values[name]);
    if (!Number.isFinite(v) || v <= 0)
      throw new Error(`--${name} must be a positive number, got "${values[name]}"`);
    return v;
  });
}

/**
 * A model card's command chain (steps joined by ' && ') with `command` as its last step: a rerun of
 * the step that already ends the chain replaces it; an earlier step of the same task (from a model
 * this one was warm-started from) stays where it is.
 */
export function withFinalStep(chain: string, task: string, command: string): string {
  const steps = chain.split(' && ');
  const last = steps.at(-1) ?? '';
  const sameTask = ` ${last} `.includes(` --task ${task} `);
  return [...(sameTask ? steps.slice(0, -1) : steps), command].join(' && ');
}

/** The commands of several chains (steps joined by ' && '), each step once, in first-seen order. */
export function mergedCommandChain(chains: readonly string[]): string {
  const steps: string[] = [];
  for (const chain of chains) {
    for (const step of chain.split(' && ')) {
      const bare = step.replace(/ --register\b/g, '');
      if (!steps.includes(bare)) steps.push(bare);
    }
  }
  return steps.join(' && ');
}

/** The dataset folder: real-data commands always take it as an argument. */
export function requiredDataFolder(data: string | undefined, what: string): string {
  if (!data) throw new Error(`--data <folder> is required: the ${what} folder`);
  return data;
}

/** An abort signal raised by Ctrl-C, so `fit` checkpoints and returns instead of dying mid-step. */
export function abortOnSigint(): AbortSignal {
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  return abort.signal;
}
