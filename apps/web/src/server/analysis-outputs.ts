// What an analysis stores in Analysis.outputs (JSON) for each kind of image, and the tasks the
// analyses run under. Browser-safe types: the case page, the report and the API read them. Large
// rasters (lesion mask, its overlay, the Grad-CAM heat map) are content-addressed files in the image
// storage; the JSON keeps only their storage keys.

/** The registry task whose production model an image kind's analysis is recorded against. */
export const ANALYSIS_TASKS = {
  DERMOSCOPY: 'lesion-classification',
  FACE: 'fer',
  VIDEO_FRAME: 'fer',
} as const;

/** Image kinds that have an analysis. */
export type AnalysedKind = keyof typeof ANALYSIS_TASKS;

/** Whether images of this kind are analysed. */
export function isAnalysedKind(kind: string): kind is AnalysedKind {
  return kind in ANALYSIS_TASKS;
}

/** A model as an analysis names it: its card's name and version. */
export interface ModelRef {
  name: string;
  version: string;
}

/** What the clinician asked for with the analysis (kept with the results). */
export interface AnalysisRequest {
  /** Image scale in pixels per millimetre of skin; gives the diameter in mm. */
  pxPerMm: number | null;
}

/** The ABCD rule's sub-scores and measurements, in the uploaded image's pixels. */
export interface AbcdOutputs {
  /** 0-2 asymmetric principal axes. */
  asymmetry: number;
  /** 0-8 sectors with an abrupt border. */
  border: number;
  /** 1-6 colours present. */
  colours: number;
  coloursPresent: string[];
  /** 1-5 dermoscopic structures present. */
  structures: number;
  structuresPresent: string[];
  /** Largest distance across the lesion (maximum Feret diameter). */
  diameterPx: number;
  diameterMm: number | null;
  /** Total dermoscopy score 1.3A + 0.1B + 0.5C + 0.5D. */
  tds: number;
  band: 'benign' | 'suspicious' | 'highly_suspicious';
}

/** Results of the dermoscopy pipeline on one image. */
export interface DermoscopyOutputs {
  kind: 'DERMOSCOPY';
  request: AnalysisRequest;
  models: { segmentation: ModelRef; classifier: ModelRef & { temperature: number } };
  /** The size the pipeline ran at (large images are scaled down first; measurements are scaled back). */
  analysedSize: { width: number; height: number };
  lesionAreaPx: number;
  abcd: AbcdOutputs | null;
  /** Calibrated diagnosis probabilities, in the classifier's label order. */
  probabilities: Array<{ label: string; probability: number }>;
  topLabel: string;
  /**
   * How topLabel was chosen: the most probable label, the balanced decision rule, or the fusion of
   * the image with the case's clinical metadata (then `probabilities` are the fused ones). Absent
   * in analyses stored before the fusion existed.
   */
  decisionRule?: 'most-probable' | 'logit-adjustment' | 'clinical-metadata-fusion';
  /** The age, sex and HAM10000 site the fusion used; null without a fusion. */
  clinicalMetadata?: { ageYears: number | null; sex: string | null; site: string | null } | null;
  /** With a fusion: the image-only probabilities and diagnosis, for comparison; null without. */
  imageOnly?: { probabilities: Array<{ label: string; probability: number }>; topLabel: string } | null;
  /**
   * Whether the image is unlike the classifier's training images (libs/dermoscopy image-novelty):
   * distance above the threshold (a quantile of validation distances) means its diagnosis is less
   * reliable. Null when the classifier has no novelty model; absent in older analyses.
   */
  novelty?: { distance: number; threshold: number; quantile: number; unusual: boolean } | null;
  /** Storage keys of the PNGs: mask (gray 0/255), its display overlay (RGBA) and the heat map (RGBA). */
  artifacts: { mask: string; maskOverlay: string; heatMap: string | null };
  /** The class the heat map explains and its probability. */
  heatMapClass: { label: string; score: number } | null;
}

/** One face found in a face image. */
export interface FaceOutput {
  /** Box in the uploaded image's pixels. */
  box: { x: number; y: number; width: number; height: number };
  /** Detector confidence. */
  score: number;
  /** Emotion probabilities in the FER model's label order. */
  probabilities: Array<{ label: string; probability: number }>;
  topLabel: string;
  /** face-api's 68 landmarks in the upload's pixels (absent in analyses before session 18). */
  landmarks?: Array<{ x: number; y: number }>;
  /**
   * The posed-expression model's reading of the same crop (when the registry names one): its
   * one-vs-one vote and, beside it, its Platt probabilities (whose argmax can differ from the vote).
   */
  posed?: { probabilities: Array<{ label: string; probability: number }>; topLabel: string };
}

/** Results of the face pipeline on one image. */
export interface FaceOutputs {
  kind: 'FACE';
  request: AnalysisRequest;
  models: { detector: ModelRef; classifier: ModelRef; posed?: ModelRef };
  analysedSize: { width: number; height: number };
  faces: FaceOutput[];
}

/** Any analysis' outputs. */
export type AnalysisOutputs = DermoscopyOutputs | FaceOutputs;

/** Milliseconds per stage; `total` is the whole run including decoding and storing. */
export type AnalysisTimings = Record<string, number>;

/** The names the artifact route serves, and where each is in the outputs. */
export const ARTIFACT_NAMES = ['mask', 'mask-overlay', 'heat-map'] as const;
export type ArtifactName = (typeof ARTIFACT_NAMES)[number];

/** The storage key of an artifact, or null when the analysis has none of that name. */
export function artifactKey(outputs: AnalysisOutputs | null, name: ArtifactName): string | null {
  if (!outputs || outputs.kind !== 'DERMOSCOPY') return null;
  if (name === 'mask') return outputs.artifacts.mask;
  if (name === 'mask-overlay') return outputs.artifacts.maskOverlay;
  return outputs.artifacts.heatMap;
}

/** The request an analysis row was queued with (stored in outputs while it waits). */
export function requestOf(outputs: unknown): AnalysisRequest {
  const pxPerMm = (outputs as { request?: { pxPerMm?: unknown } } | null)?.request?.pxPerMm;
  return { pxPerMm: typeof pxPerMm === 'number' && pxPerMm > 0 ? pxPerMm : null };
}

/** Finished outputs, or null while the analysis waits, runs or failed (then outputs hold only the request). */
export function finishedOutputs(outputs: unknown): AnalysisOutputs | null {
  const kind = (outputs as { kind?: unknown } | null)?.kind;
  return kind === 'DERMOSCOPY' || kind === 'FACE' ? (outputs as AnalysisOutputs) : null;
}

/** Clinical wording of a TDS band. */
export const TDS_BAND_TEXT: Record<AbcdOutputs['band'], string> = {
  benign: 'Benign',
  suspicious: 'Suspicious',
  highly_suspicious: 'Highly suspicious',
};
