// The webcam's ways of finding faces (fer-video-pipeline.ts explains each), in a file of its own so
// the page can read the ?detection= option without loading the pipeline.

export const DETECTION_MODES = ['worker', 'interval', 'every'] as const;
export type DetectionMode = (typeof DETECTION_MODES)[number];
