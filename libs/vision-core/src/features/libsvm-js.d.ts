// Types for the parts of libsvm-js (mljs/libsvm, libsvm 3.x compiled to wasm) that svm.ts uses; the
// package ships none.
declare module 'libsvm-js/wasm.js' {
  export interface LibsvmProbability {
    prediction: number;
    estimates: { label: number; probability: number }[];
  }
  export interface LibsvmOptions {
    type?: string;
    kernel?: string;
    degree?: number;
    gamma?: number;
    coef0?: number;
    cost?: number;
    cacheSize?: number;
    tolerance?: number;
    shrinking?: boolean;
    probabilityEstimates?: boolean;
    weight?: Record<number, number>;
    quiet?: boolean;
  }
  export interface LibsvmModel {
    train(samples: ArrayLike<number>[], labels: number[]): void;
    predictOne(sample: ArrayLike<number>): number;
    predictOneProbability(sample: ArrayLike<number>): LibsvmProbability;
    getLabels(): number[];
    getSVIndices(): number[];
    serializeModel(): string;
    free(): void;
  }
  export interface LibsvmConstructor {
    new (options: LibsvmOptions): LibsvmModel;
    load(serialized: string): LibsvmModel;
    SVM_TYPES: { C_SVC: string };
    KERNEL_TYPES: { LINEAR: string; POLYNOMIAL: string; RBF: string };
  }
  const ready: Promise<LibsvmConstructor>;
  export default ready;
}
