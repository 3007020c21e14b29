import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT_PACKAGE_NAME = 'visioncad';

function isRepoRoot(dir: string): boolean {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === ROOT_PACKAGE_NAME;
  } catch {
    return false;
  }
}

function findUp(start: string): string | null {
  for (let dir = start; ; dir = dirname(dir)) {
    if (isRepoRoot(dir)) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * The VisionCAD checkout this process runs in. Searched upwards from the working directory first
 * (bundlers such as Next.js move this module's file), then from this module's location.
 */
export function resolveRepoRoot(): string {
  const root = findUp(process.cwd()) ?? findUp(dirname(fileURLToPath(import.meta.url)));
  if (root === null) {
    throw new Error(
      `Cannot find the VisionCAD repository root (a package.json named "${ROOT_PACKAGE_NAME}") above ` +
        `${process.cwd()}: run from inside the checkout, or set VISIONCAD_DATA_DIR and DATABASE_URL explicitly.`,
    );
  }
  return root;
}
