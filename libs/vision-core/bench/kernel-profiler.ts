import {
  getKernelsForBackend,
  registerKernel,
  unregisterKernel,
  type KernelConfig,
} from '@tensorflow/tfjs-core';

/** Time spent in one kernel (as called from `caller`, if another kernel called it), excluding the kernels it called itself. */
export interface KernelTime {
  kernel: string;
  calls: number;
  ms: number;
}

/**
 * Wraps every kernel registered for a backend with a timer. wasm kernels run synchronously (XNNPACK's
 * thread pool joins before returning), so wall time around kernelFunc is the kernel's time. Kernels
 * that call other kernels are charged only for their own work (exclusive time), and the inner
 * calls are reported under their caller ("Conv2D in Conv2DBackpropFilter").
 */
export class KernelProfiler {
  private readonly originals: KernelConfig[] = [];
  private readonly totals = new Map<string, KernelTime>();
  private readonly childMs: number[] = [];
  private readonly callers: string[] = [];

  constructor(private readonly backendName: string) {}

  /** Installs the timing wrappers; call after all kernels (ours included) are registered. */
  install(): void {
    for (const config of getKernelsForBackend(this.backendName)) {
      this.originals.push(config);
      unregisterKernel(config.kernelName, this.backendName);
      registerKernel({ ...config, kernelFunc: (args) => this.time(config, args) });
    }
  }

  /** Restores the original kernels. */
  uninstall(): void {
    for (const config of this.originals) {
      unregisterKernel(config.kernelName, this.backendName);
      registerKernel(config);
    }
    this.originals.length = 0;
  }

  reset(): void {
    this.totals.clear();
  }

  /** Per-kernel exclusive times, largest first. */
  report(): KernelTime[] {
    return [...this.totals.values()].sort((a, b) => b.ms - a.ms);
  }

  private time(config: KernelConfig, args: Parameters<KernelConfig['kernelFunc']>[0]) {
    const name =
      this.callers.length > 0 ? `${config.kernelName} in ${this.callers.at(-1)}` : config.kernelName;
    this.callers.push(config.kernelName);
    this.childMs.push(0);
    const start = performance.now();
    try {
      return config.kernelFunc(args);
    } finally {
      const elapsed = performance.now() - start;
      this.callers.pop();
      const own = elapsed - this.childMs.pop()!;
      if (this.childMs.length > 0) this.childMs[this.childMs.length - 1] += elapsed;
      const entry = this.totals.get(name) ?? { kernel: name, calls: 0, ms: 0 };
      entry.calls++;
      entry.ms += own;
      this.totals.set(name, entry);
    }
  }
}
