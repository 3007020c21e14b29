// '@tensorflow/tfjs' registers tfjs-core's gradients, which the leaner ones below must replace.
import '@tensorflow/tfjs';
import {
  FusedBatchNorm,
  getGradient,
  getKernel,
  registerGradient,
  registerKernel,
  unregisterKernel,
  type GradConfig,
  type KernelConfig,
} from '@tensorflow/tfjs-core';
import { leanFusedBatchNormGrad } from './gradients/fused-batch-norm-grad';
import { leanMeanGrad } from './gradients/mean-grad';
import { rememberStockKernel, WASM } from './wasm-kernel-utils';
import { avgPoolGradConfig } from './kernels/avg-pool-grad';
import { batchMatMulConfig } from './kernels/batch-mat-mul';
import { conv2DBackpropFilterConfig } from './kernels/conv2d-backprop-filter';
import { conv2DBackpropInputConfig } from './kernels/conv2d-backprop-input';
import { depthwiseConv2dNativeBackpropFilterConfig } from './kernels/depthwise-conv2d-backprop-filter';
import { depthwiseConv2dNativeBackpropInputConfig } from './kernels/depthwise-conv2d-backprop-input';
import {
  conv2DConfig,
  depthwiseConv2dNativeConfig,
  fusedConv2DConfig,
  fusedDepthwiseConv2DConfig,
} from './kernels/explicit-padding-conv';
import { identityConfig } from './kernels/identity';
import { fusedBatchNormConfig } from './kernels/fused-batch-norm';
import { maxPoolGradConfig } from './kernels/max-pool-grad';
import { meanConfig } from './kernels/mean';
import { sliceConfig } from './kernels/slice';
import { sumConfig } from './kernels/sum';
import { tileConfig } from './kernels/tile';

// Missing gradient kernels, and replacements for stock wasm kernels that are slow in training.
const TRAINING_KERNELS: KernelConfig[] = [
  conv2DConfig,
  fusedConv2DConfig,
  depthwiseConv2dNativeConfig,
  fusedDepthwiseConv2DConfig,
  conv2DBackpropFilterConfig,
  conv2DBackpropInputConfig,
  depthwiseConv2dNativeBackpropFilterConfig,
  depthwiseConv2dNativeBackpropInputConfig,
  maxPoolGradConfig,
  avgPoolGradConfig,
  tileConfig,
  sumConfig,
  meanConfig,
  batchMatMulConfig,
  identityConfig,
  fusedBatchNormConfig,
  sliceConfig,
];

let leanBatchNormGrad: GradConfig | undefined;

/**
 * Registers the training kernels on tfjs's 'wasm' backend (browser and Node), and leaner gradients
 * for batch normalization and mean (global: they serve every backend); safe to call repeatedly.
 */
export function registerTrainingKernels(): void {
  for (const config of TRAINING_KERNELS) {
    const current = getKernel(config.kernelName, WASM);
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current === undefined) {
      registerKernel(config);
      continue;
    }
    // The stock kernel stays callable as a fallback; its setup (cwrap of its C++ function) must
    // still run when the backend starts, so the replacement carries it.
    rememberStockKernel(current);
    unregisterKernel(config.kernelName, WASM);
    registerKernel({ ...config, setupFunc: current.setupFunc, disposeFunc: current.disposeFunc });
  }
  const batchNormGrad = getGradient(FusedBatchNorm);
  if (batchNormGrad !== undefined && batchNormGrad !== leanBatchNormGrad) {
    leanBatchNormGrad = leanFusedBatchNormGrad(batchNormGrad);
    registerGradient(leanBatchNormGrad);
  }
  registerGradient(leanMeanGrad);
}
