// The webcam demo's face detector in a dedicated worker: its own tfjs (same backend as the page) and
// face-api's tiny face detector, so detection runs on another core while the page tracks and
// classifies faces. Frames arrive as transferred RGBA buffers from the same tab.
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createFaceApiDetector, type FaceApi } from '@visioncad/fer/face/face-api-detector';
import type { FaceDetector } from '@visioncad/fer/face/face-pipeline';
import { selectBrowserBackend } from '@visioncad/vision-core/backend';
import { createRasterImage } from '@visioncad/vision-core/image';
import type {
  DetectionWorkerReply,
  DetectionWorkerRequest,
  StartDetectionWorker,
} from './face-detection-protocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<DetectionWorkerRequest>) => void) | null;
  postMessage(message: DetectionWorkerReply): void;
  fetch: typeof fetch;
};

/**
 * face-api looks its environment up from window and document, which a worker lacks. Frames reach it
 * as tensors, so it only needs fetch (weights) and constructors for its instanceof checks.
 */
function workerEnvironment(): Parameters<typeof faceapi.env.setEnv>[0] {
  const unavailable = (what: string) => () => {
    throw new Error(`face-api in a worker cannot create ${what}; pass tensors`);
  };
  return {
    Canvas: OffscreenCanvas,
    CanvasRenderingContext2D: OffscreenCanvasRenderingContext2D,
    Image: class {},
    ImageData,
    Video: class {},
    createCanvasElement: () => new OffscreenCanvas(1, 1),
    createImageElement: unavailable('images'),
    createVideoElement: unavailable('videos'),
    fetch: (input: RequestInfo | URL, init?: RequestInit) => scope.fetch(input, init),
    readFile: unavailable('files'),
  } as unknown as Parameters<typeof faceapi.env.setEnv>[0];
}

let detectors: { plain: FaceDetector; landmarks: FaceDetector } | null = null;

async function start(request: StartDetectionWorker): Promise<string> {
  faceapi.env.setEnv(workerEnvironment());
  setWasmPaths(request.wasmUrl);
  const backend = await selectBrowserBackend({ override: request.backend, log: () => {} });
  await Promise.all([
    faceapi.nets.tinyFaceDetector.loadFromUri(request.faceApiUrl),
    faceapi.nets.faceLandmark68Net.loadFromUri(request.faceApiUrl),
  ]);
  const options = {
    detector: 'tiny' as const,
    inputSize: request.inputSize,
    minConfidence: request.minConfidence,
  };
  const api = faceapi as unknown as FaceApi;
  detectors = {
    plain: createFaceApiDetector(api, { ...options, landmarks: false }),
    landmarks: createFaceApiDetector(api, { ...options, landmarks: true }),
  };
  // One pass on a blank frame compiles the backend's kernels before the first camera frame.
  await detectors.plain.detect(createRasterImage(64, 48, 3));
  return backend.name;
}

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'start') {
    start(request).then(
      (backend) =>
        scope.postMessage({
          type: 'started',
          backend,
          resources: performance.getEntriesByType('resource').map((entry) => entry.name),
        }),
      (error: unknown) => scope.postMessage({ type: 'error', index: null, message: describe(error) }),
    );
    return;
  }
  if (!detectors) {
    scope.postMessage({ type: 'error', index: request.index, message: 'the face detector has not started' });
    return;
  }
  const frame = createRasterImage(request.width, request.height, 4, new Uint8Array(request.rgba));
  const started = performance.now();
  (request.landmarks ? detectors.landmarks : detectors.plain).detect(frame).then(
    (faces) =>
      scope.postMessage({ type: 'faces', index: request.index, faces, ms: performance.now() - started }),
    (error: unknown) => scope.postMessage({ type: 'error', index: request.index, message: describe(error) }),
  );
};

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
