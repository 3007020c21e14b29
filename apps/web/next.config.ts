import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

// The monorepo root: Turbopack must resolve the libs' TypeScript sources and the hoisted node_modules.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The libs ship TypeScript source, not built JavaScript.
  transpilePackages: ['@visioncad/db', '@visioncad/vision-core', '@visioncad/fer', '@visioncad/dermoscopy'],
  // Native addons, driver adapters and large runtimes are loaded by Node at run time, not bundled.
  serverExternalPackages: [
    'better-sqlite3',
    'pg',
    'sharp',
    '@prisma/client',
    '@prisma/adapter-better-sqlite3',
    '@prisma/adapter-pg',
    '@tensorflow/tfjs',
    '@tensorflow/tfjs-node',
    '@tensorflow/tfjs-node-gpu',
    '@tensorflow/tfjs-backend-wasm',
    // The server-side analyses: tfjs-core must be one instance (its engine holds the backend), and
    // face-api's Node build finds its weights beside its own files.
    '@tensorflow/tfjs-core',
    '@tensorflow/tfjs-layers',
    '@tensorflow/tfjs-converter',
    '@tensorflow/tfjs-backend-cpu',
    '@vladmandic/face-api',
  ],
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  // forbidden() renders app/forbidden.tsx with a 403 status for signed-in users of the wrong role.
  // The proxy buffers request bodies (10 MB by default); image uploads may be 25 MB plus the
  // multipart envelope (MAX_UPLOAD_BYTES in src/server/image-validation.ts).
  experimental: { authInterrupts: true, proxyClientMaxBodySize: '26mb' },
};

export default nextConfig;
