import { parseArgs } from 'node:util';

/** Parses `--name value` flags for the dermoscopy scripts, failing with the usage line on anything unknown or missing. */
export function parseScriptArgs<
  T extends Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>,
>(
  usage: string,
  options: T,
  required: readonly (keyof T & string)[],
): Record<keyof T, string | boolean | undefined> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ options, strict: true, allowPositionals: false }).values as typeof values;
  } catch (error) {
    throw new Error(`${(error as Error).message}\nusage: ${usage}`);
  }
  const missing = required.filter((name) => values[name] === undefined);
  if (missing.length > 0) throw new Error(`missing --${missing.join(', --')}\nusage: ${usage}`);
  return values as Record<keyof T, string | boolean | undefined>;
}
