// Everything the FER demo runs in the browser, behind one dynamic import: tfjs, face-api and the
// model code are loaded when the visitor starts the camera or picks a photo, never during server
// rendering (face-api's browser build cannot load in Node) and not with the page's first bytes.
import type { FaceDetector } from '@visioncad/fer/face/face-pipeline';
import type { RasterImage } from '@visioncad/vision-core/image';
import type { DemoModelInfo } from './demo-model-info';
import { faceDetector, loadFaceApiNets, type DemoDetectorOptions } from './face-detection';
import { loadFerClassifier, type FerClassifier } from './fer-classifier';
import { runFerPipeline, type FerFrameResult } from './fer-pipeline';
import { startDemoBackend, type DemoBackend } from './tf-backend';

/** The started backend, the loaded classifier and detectors on the loaded face-api nets. */
export interface FerEngine {
  backend: DemoBackend;
  classifier: FerClassifier;
  detector(options?: DemoDetectorOptions): FaceDetector;
  run(frame: RasterImage, detector: FaceDetector): Promise<FerFrameResult>;
}

/** Starts tfjs (`backendOverride` from ?backend=) and loads the FER model and face-api's nets. */
export async function loadFerEngine(
  model: DemoModelInfo,
  backendOverride: string | null,
): Promise<FerEngine> {
  const backend = await startDemoBackend(backendOverride);
  const [classifier] = await Promise.all([loadFerClassifier(model), loadFaceApiNets()]);
  return {
    backend,
    classifier,
    detector: faceDetector,
    run: (frame, detector) => runFerPipeline(frame, detector, classifier),
  };
}
