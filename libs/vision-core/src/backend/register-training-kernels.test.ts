import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { FusedBatchNorm, getGradient, getKernel, Mean } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { registerTrainingKernels } from './register-training-kernels';

describe('registerTrainingKernels', () => {
  it('registers the missing gradient kernels on wasm and is idempotent', async () => {
    expect(getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    registerTrainingKernels();
    const kernel = getKernel('Conv2DBackpropFilter', 'wasm');
    const batchNormGrad = getGradient(FusedBatchNorm);
    const meanGrad = getGradient(Mean);
    registerTrainingKernels();
    expect(getKernel('Conv2DBackpropFilter', 'wasm')?.kernelFunc).toBe(kernel?.kernelFunc);
    expect(getGradient(FusedBatchNorm)).toBe(batchNormGrad);
    expect(getGradient(Mean)).toBe(meanGrad);
    expect(getKernel('DepthwiseConv2dNativeBackpropFilter', 'wasm')).toBeDefined();
    expect(getKernel('DepthwiseConv2dNativeBackpropInput', 'wasm')).toBeDefined();
  });

  it('keeps the replaced stock kernels working where the replacements defer to them', async () => {
    registerTrainingKernels();
    await tf.setBackend('wasm');
    // An innermost-axis sum and a string tile are left to the stock kernels.
    expect(Array.from(tf.sum(tf.tensor2d([1, 2, 3, 4], [2, 2]), 1).dataSync())).toEqual([3, 7]);
    expect(Array.from(tf.tile(tf.tensor1d(['a', 'b'], 'string'), [2]).dataSync())).toEqual([
      'a',
      'b',
      'a',
      'b',
    ]);
  });
});
