// Shared steps of `npm start` and `npm run test:e2e`: prepare the database, build the portal when its
// sources changed since the last build, start `next start`, wait for it to answer, stop it.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The Next.js app. */
export const WEB = path.join(ROOT, 'apps', 'web');

const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
const BUILD_STAMP = path.join(WEB, '.next', 'visioncad-build-stamp');

// Every child runs in its own process group so that stopping it also stops what it spawned (next
// build forks workers); stopEverythingOnSignal forwards Ctrl+C and SIGTERM to all of them.
const running = new Set();

function spawnGroup(command, args, options) {
  const child = spawn(command, args, { ...options, stdio: 'inherit', detached: true });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Stops a process group started here: SIGTERM, then SIGKILL if it is still there after 5 s. */
export async function stopGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** On SIGINT or SIGTERM: stop every process group started here, run `cleanup`, exit 130. */
export function stopEverythingOnSignal(cleanup = () => {}) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, async () => {
      await Promise.all([...running].map(stopGroup));
      cleanup();
      process.exit(130);
    });
  }
}

/** Runs a command with inherited output and resolves with its exit code (1 when killed by a signal). */
export function exitCodeOf(command, args, { cwd = ROOT, env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawnGroup(command, args, { cwd, env });
    child.on('error', (error) =>
      reject(new Error(`${command} ${args.join(' ')} could not start: ${error.message}`)),
    );
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** Runs a command with inherited output; rejects naming the command unless it exits 0. */
export async function run(command, args, options) {
  const code = await exitCodeOf(command, args, options);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${code})`);
}

/** Generates the Prisma clients into libs/db/src/generated when the schema changed (or never ran). */
export async function ensurePrismaClient(env) {
  await run(process.execPath, [path.join(ROOT, 'libs', 'db', 'scripts', 'generate.mjs'), '--if-stale'], {
    env,
  });
}

/** Applies migrations and seeds on first start (apps/web/scripts/prepare-database.ts). */
export async function prepareDatabase(env) {
  await run('npx', ['tsx', path.join(WEB, 'scripts', 'prepare-database.ts')], { env });
}

// Everything whose change can change the build output. Tests and Next's own output are left out so
// that editing a test does not force a rebuild.
const STAMP_INPUTS = [
  { dir: WEB, skip: new Set(['.next', 'node_modules', 'next-env.d.ts']) },
  ...readdirSync(path.join(ROOT, 'libs')).map((lib) => ({
    dir: path.join(ROOT, 'libs', lib, 'src'),
    skip: new Set(),
  })),
  { file: path.join(ROOT, 'package-lock.json') },
  { file: path.join(ROOT, 'tsconfig.base.json') },
];

function listFiles(dir, skip, out) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listFiles(full, new Set(), out);
    else if (entry.isFile() && !/\.(test|e2e)\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** A hash over the portal's build inputs: file paths and contents. */
export function sourceStamp() {
  const files = STAMP_INPUTS.flatMap((input) =>
    input.file ? (existsSync(input.file) ? [input.file] : []) : listFiles(input.dir, input.skip, []),
  ).sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(ROOT, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Builds the portal unless .next holds a build of exactly the current sources. */
export async function buildPortalIfStale(env) {
  const stamp = sourceStamp();
  const built = existsSync(path.join(WEB, '.next', 'BUILD_ID')) && existsSync(BUILD_STAMP);
  if (built && readFileSync(BUILD_STAMP, 'utf8').trim() === stamp) {
    console.log('portal: the build in apps/web/.next is up to date');
    return;
  }
  console.log('portal: building apps/web (sources changed since the last build, or no build yet)');
  const started = Date.now();
  await run(process.execPath, [NEXT_BIN, 'build'], { cwd: WEB, env });
  writeFileSync(BUILD_STAMP, `${stamp}\n`);
  console.log(`portal: built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** A TCP port that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts `next start` on the port in its own process group (stop it with stopGroup). */
export function startPortal({ port, env, hostname }) {
  const args = [NEXT_BIN, 'start', '--port', String(port), ...(hostname ? ['--hostname', hostname] : [])];
  return spawnGroup(process.execPath, args, { cwd: WEB, env });
}

/** Polls GET /api/health until the portal answers (any status) or the timeout passes. */
export async function waitForPortal(baseUrl, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the portal exited (code ${child.exitCode}) before it answered`);
    try {
      const response = await globalThis.fetch(`${baseUrl}/api/health`);
      await response.body?.cancel();
      return response.status;
    } catch {
      await sleep(250);
    }
  }
  throw new Error(`the portal did not answer at ${baseUrl}/api/health within ${timeoutMs / 1000} s`);
}

/** Whether a path is an existing file (used for the Chromium check). */
export function isFile(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
