import path from 'node:path';
import { resolveRepoRoot } from '@visioncad/db/repo-root';

// The npm-shipped files the demo needs at run time, served from node_modules (the single copy the
// lockfile pins) instead of being copied into public/: tfjs's wasm binaries and the two face-api
// networks the webcam pipeline runs (tiny face detector, 68-point landmarks for eye alignment).

interface AssetGroup {
  /** Folder inside node_modules. */
  dir: string[];
  files: Record<string, string>;
}

const WASM = 'application/wasm';
const JSON_TYPE = 'application/json';
const BINARY = 'application/octet-stream';

const GROUPS: Record<string, AssetGroup> = {
  'tfjs-wasm': {
    dir: ['@tensorflow', 'tfjs-backend-wasm', 'dist'],
    files: {
      'tfjs-backend-wasm.wasm': WASM,
      'tfjs-backend-wasm-simd.wasm': WASM,
      'tfjs-backend-wasm-threaded-simd.wasm': WASM,
    },
  },
  'face-api': {
    dir: ['@vladmandic', 'face-api', 'model'],
    files: {
      'tiny_face_detector_model-weights_manifest.json': JSON_TYPE,
      'tiny_face_detector_model.bin': BINARY,
      'face_landmark_68_model-weights_manifest.json': JSON_TYPE,
      'face_landmark_68_model.bin': BINARY,
    },
  },
};

/** The file and content type behind /demo-assets/<group>/<file>, or null when it is not served. */
export function runtimeAsset(group: string, file: string): { file: string; contentType: string } | null {
  const entry = Object.hasOwn(GROUPS, group) ? GROUPS[group] : undefined;
  if (!entry || !Object.hasOwn(entry.files, file)) return null;
  return {
    file: path.join(resolveRepoRoot(), 'node_modules', ...entry.dir, file),
    contentType: entry.files[file],
  };
}
