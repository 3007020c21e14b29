/** Backends the trainer can run on, by their tfjs registry names ('tensorflow' is tfjs-node / tfjs-node-gpu). */
export const NODE_BACKENDS = ['tensorflow', 'webgpu', 'wasm', 'cpu'] as const;
export type NodeBackendName = (typeof NODE_BACKENDS)[number];

/** Backends the browser can run on, in the order they are tried. */
export const BROWSER_BACKENDS = ['webgl', 'wasm', 'cpu'] as const;
export type BrowserBackendName = (typeof BROWSER_BACKENDS)[number];

/** The backend that was made current, and why it was picked. */
export interface BackendChoice<Name extends string = string> {
  name: Name;
  reason: string;
}

/** Options common to both selectors. */
export interface SelectBackendOptions {
  /** Skip probing and use this backend (e.g. a --backend flag); validated, fails if it cannot start. */
  override?: string;
  /** Receives one line saying which backend was chosen and why; defaults to console.info. */
  log?: (line: string) => void;
}

/** Validates a backend name from an env variable, flag or URL parameter against the allowed ones. */
export function parseBackendName<Name extends string>(
  value: string,
  allowed: readonly Name[],
  source: string,
): Name {
  const name = value.trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(name)) {
    throw new Error(`${source} is '${value}', expected one of: ${allowed.join(', ')}`);
  }
  return name as Name;
}
