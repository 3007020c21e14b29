// Everything the FER demo runs in the browser, behind one dynamic import: tfjs, face-api and the
// model code are loaded when the visitor starts the camera or picks a photo, never during server
// rendering (face-api's browser build cannot load in Node) and not with the page's first bytes.
import type { FaceDetector } from '@visioncad/fer/face/face-pipeline';
import type { RasterImage } from '@visioncad/vision-core/image';
import type { DemoModelInfo } from './demo-model-info';
import { faceDetector, loadFaceApiNets, WEBCAM_DETECTOR, type DemoDetectorOptions } from './face-detection';
import { loadFerClassifier, type FerClassifier } from './fer-classifier';
import { runFerPipeline, type FerFrameResult } from './fer-pipeline';
import { startDemoBackend, type DemoBackend } from './tf-backend';
import { WorkerFaceDetector } from './worker-face-detector';

/** The started backend, the loaded classifier, and face detectors here or in a worker. */
export interface FerEngine {
  backend: DemoBackend;
  classifier: FerClassifier;
  /** A detector on this thread; face-api's nets load on its first call. */
  detector(options?: DemoDetectorOptions): FaceDetector;
  run(frame: RasterImage, detector: FaceDetector): Promise<FerFrameResult>;
  /** The webcam's face-detection worker on the same backend (started once; again after a failure). */
  detectionWorker(): Promise<WorkerFaceDetector>;
}

/** Starts tfjs (`backendOverride` from ?backend=) and loads the FER model. */
export async function loadFerEngine(
  model: DemoModelInfo,
  backendOverride: string | null,
): Promise<FerEngine> {
  const backend = await startDemoBackend(backendOverride);
  const classifier = await loadFerClassifier(model);
  let worker: Promise<WorkerFaceDetector> | null = null;
  return {
    backend,
    classifier,
    detector(options) {
      let ready: FaceDetector | null = null;
      return {
        async detect(image) {
          if (!ready) {
            await loadFaceApiNets();
            ready = faceDetector(options);
          }
          return ready.detect(image);
        },
      };
    },
    run: (frame, detector) => runFerPipeline(frame, detector, classifier),
    async detectionWorker() {
      const current = worker ? await worker.catch(() => null) : null;
      if (!current || current.failure) {
        current?.terminate();
        worker = WorkerFaceDetector.start(backend.name, WEBCAM_DETECTOR);
      }
      return worker!;
    },
  };
}
