import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

function isWorkspaceRoot(dir: string): boolean {
  const manifest = path.join(dir, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    return Array.isArray(JSON.parse(readFileSync(manifest, 'utf8')).workspaces);
  } catch {
    return false;
  }
}

/**
 * The monorepo root (the package.json that declares workspaces), searched upwards from the working
 * directory: `next start` runs in apps/web, scripts run at the root.
 */
export function repoRoot(): string {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    if (isWorkspaceRoot(dir)) return dir;
    if (path.dirname(dir) === dir) {
      throw new Error(
        `No package.json with "workspaces" above ${process.cwd()}: start the portal from the repository`,
      );
    }
  }
}
