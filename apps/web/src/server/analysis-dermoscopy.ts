// The dermoscopy analysis of one image: @visioncad/dermoscopy's analyze() (preprocessing, U-Net
// mask, ABCD + TDS, calibrated diagnosis probabilities, Grad-CAM) with the production models, its
// measurements mapped back to the uploaded image's pixels, and the rasters to store beside it.
import { analyze } from '@visioncad/dermoscopy/analyze';
import type { ClinicalMetadata } from '@visioncad/dermoscopy/clinical/clinical-metadata';
import { createRasterImage, type BinaryMask, type RasterImage } from '@visioncad/vision-core/image';
import type { ExplanationMap } from '@visioncad/vision-core/explain';
import { jetColour } from '@visioncad/vision-core/explain';
import type { AnalysisInput } from './analysis-input';
import type { LoadedDermoscopy } from './analysis-models';
import type { AnalysisRequest, AnalysisTimings, DermoscopyOutputs } from './analysis-outputs';

/** Outputs (without the stored files' keys), the rasters to store, and the stage timings. */
export interface DermoscopyRun {
  outputs: Omit<DermoscopyOutputs, 'artifacts'>;
  rasters: { mask: RasterImage; maskOverlay: RasterImage; heatMap: RasterImage | null };
  timings: AnalysisTimings;
}

/** Overlay colours: a translucent teal fill and an opaque amber contour, readable on skin. */
const FILL: [number, number, number, number] = [20, 184, 166, 70];
const CONTOUR: [number, number, number, number] = [251, 191, 36, 255];

// Erosion by a (2r+1)² square, separably: a pixel stays when its whole window is lesion.
function erode(mask: BinaryMask, r: number): Uint8Array {
  const { width, height, data } = mask;
  const rows = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    let run = 0;
    const line = new Int32Array(width);
    for (let x = 0; x < width; x++) {
      run = data[y * width + x] ? run + 1 : 0;
      line[x] = run;
    }
    for (let x = 0; x < width; x++) {
      const right = Math.min(width - 1, x + r);
      rows[y * width + x] = x - r >= 0 && line[right] >= right - (x - r) + 1 ? 1 : 0;
    }
  }
  const out = new Uint8Array(width * height);
  for (let x = 0; x < width; x++) {
    let run = 0;
    const column = new Int32Array(height);
    for (let y = 0; y < height; y++) {
      run = rows[y * width + x] ? run + 1 : 0;
      column[y] = run;
    }
    for (let y = 0; y < height; y++) {
      const bottom = Math.min(height - 1, y + r);
      out[y * width + x] = y - r >= 0 && column[bottom] >= bottom - (y - r) + 1 ? 1 : 0;
    }
  }
  return out;
}

/** The mask as an RGBA overlay: translucent fill, and a contour about 1/250 of the image across. */
export function maskOverlay(mask: BinaryMask): RasterImage {
  const { width, height, data } = mask;
  const inner = erode(mask, Math.max(1, Math.round(Math.max(width, height) / 250)));
  const out = createRasterImage(width, height, 4);
  for (let p = 0; p < width * height; p++) {
    if (!data[p]) continue;
    out.data.set(inner[p] ? FILL : CONTOUR, p * 4);
  }
  return out;
}

/** The mask as a gray PNG raster (lesion 255). */
export function maskRaster(mask: BinaryMask): RasterImage {
  return createRasterImage(
    mask.width,
    mask.height,
    1,
    mask.data.map((v) => (v ? 255 : 0)),
  );
}

/** The Grad-CAM map in the "jet" colours, transparent where the map is low. */
export function heatMapRaster(map: ExplanationMap): RasterImage {
  const out = createRasterImage(map.width, map.height, 4);
  for (let p = 0; p < map.width * map.height; p++) {
    const m = Math.min(1, Math.max(0, map.data[p]));
    const [r, g, b] = jetColour(m);
    out.data.set([r, g, b, Math.round(220 * Math.sqrt(m))], p * 4);
  }
  return out;
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Runs the pipeline; `input.scale` maps the analysed pixels back to the upload's. `clinical` (the
 * case's age, sex and site) is fused into the diagnosis when the classifier has a metadata fusion.
 */
export function runDermoscopy(
  input: AnalysisInput,
  loaded: LoadedDermoscopy,
  request: AnalysisRequest,
  clinical: ClinicalMetadata | null = null,
): DermoscopyRun {
  const { image, scale } = input;
  const result = analyze(image, loaded.models, {
    abcd: request.pxPerMm ? { pxPerMm: request.pxPerMm * scale } : {},
    clinicalMetadata: clinical,
  });
  const rounded = (probabilities: typeof result.probabilities) =>
    probabilities.map(({ label, probability }) => ({ label, probability: round(probability, 4) }));
  const t0 = performance.now();
  const abcd = result.abcd;
  const present = (flags: Record<string, boolean>) =>
    Object.entries(flags)
      .filter(([, on]) => on)
      .map(([name]) => name);
  const rasters = {
    mask: maskRaster(result.mask),
    maskOverlay: maskOverlay(result.mask),
    heatMap: result.heatMap ? heatMapRaster(result.heatMap) : null,
  };
  const { segmentation, classifier } = loaded;
  const outputs: DermoscopyRun['outputs'] = {
    kind: 'DERMOSCOPY',
    request,
    models: {
      segmentation: { name: segmentation.name, version: segmentation.version },
      classifier: {
        name: classifier.name,
        version: classifier.version,
        temperature: loaded.models.classifier.temperature,
      },
    },
    analysedSize: { width: image.width, height: image.height },
    lesionAreaPx: Math.round(result.lesionAreaPx / (scale * scale)),
    abcd: abcd
      ? {
          asymmetry: abcd.asymmetry.score,
          border: abcd.border.score,
          colours: abcd.colours.score,
          coloursPresent: present(abcd.colours.present),
          structures: abcd.structures.score,
          structuresPresent: present(abcd.structures.present),
          diameterPx: round(abcd.diameter.maxFeretPx / scale, 1),
          diameterMm: abcd.diameter.maxFeretMm === null ? null : round(abcd.diameter.maxFeretMm),
          tds: round(abcd.tds),
          band: abcd.band,
        }
      : null,
    probabilities: rounded(result.probabilities),
    topLabel: result.topLabel,
    decisionRule: result.decisionRule,
    clinicalMetadata: result.clinicalMetadata,
    imageOnly: result.imageOnly
      ? { probabilities: rounded(result.imageOnly.probabilities), topLabel: result.imageOnly.topLabel }
      : null,
    novelty: result.novelty
      ? {
          distance: round(result.novelty.distance, 3),
          threshold: round(result.novelty.threshold, 3),
          quantile: result.novelty.quantile,
          unusual: result.novelty.unusual,
        }
      : null,
    heatMapClass: result.heatMap
      ? {
          label: loaded.models.classifier.labels[result.heatMap.classIndex],
          score: round(result.heatMap.score, 4),
        }
      : null,
  };
  const { preprocessing, segmentation: segmentMs, abcd: abcdMs, classification, heatMap } = result.timingsMs;
  return {
    outputs,
    rasters,
    timings: {
      preprocessing: round(preprocessing, 1),
      segmentation: round(segmentMs, 1),
      abcd: round(abcdMs, 1),
      classification: round(classification, 1),
      heatMap: round(heatMap, 1),
      rasters: round(performance.now() - t0, 1),
    },
  };
}
