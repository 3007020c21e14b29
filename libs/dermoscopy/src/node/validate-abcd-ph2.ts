import type { BinaryMask, RasterImage } from '@visioncad/vision-core/image';

import { DERMOSCOPIC_COLOURS, type DermoscopicColour } from '../datasets/dermoscopic-vocabulary';
import {
  measureAsymmetry,
  scoreAsymmetry,
  type AsymmetryThresholds,
  type AxisAsymmetry,
} from '../abcd/asymmetry';
import { border } from '../abcd/border';
import { measureColours, scoreColours, type ColourThresholds } from '../abcd/colours';
import {
  DEFAULT_STRUCTURES,
  structures,
  type StructureOptions,
  type StructureResult,
} from '../abcd/structures';
import { totalDermoscopyScore, tdsBand } from '../abcd/tds';
import {
  ordinalAgreement,
  presenceAgreement,
  type OrdinalAgreement,
  type PresenceAgreement,
} from './agreement';
import { loadPh2, type Ph2Case } from './datasets/ph2';
import { perilesionalSkin } from './perilesional-skin';
import { analysePh2Case, PH2_SPLIT_SEED, splitPh2ForTuning } from './ph2-analysis';
import { tuneStructures, type StructureTuning } from './tune-structures';

/** What is measured once per case; thresholds are applied afterwards, so tuning is cheap. */
interface CaseMeasures {
  case: Ph2Case;
  axes: [AxisAsymmetry, AxisAsymmetry];
  colourFractions: Record<DermoscopicColour, number>;
  border: number;
  /** The candidate images for D and, on each, the perilesional skin ring (null when under MIN_SKIN_PIXELS). */
  structureImages: Record<StructureImage, { image: RasterImage; skin: BinaryMask | null }>;
  mask: BinaryMask;
}

/** The preprocessing outputs D may be measured on; the tuning half chooses. */
export const STRUCTURE_IMAGES = {
  colourCorrected:
    'preprocessDermoscopy(image).colourCorrected: hair removed, 3x3 median, shades of gray (as A and C)',
  hairFree: 'preprocessDermoscopy(image).hairFree: hair removed, before the median (fine detail intact)',
} as const;
type StructureImage = keyof typeof STRUCTURE_IMAGES;

/** A skin ring smaller than this (px) is too small a negative control for the network. */
const MIN_SKIN_PIXELS = 2000;

/** The ABCD-vs-experts report written to reports/abcd-ph2.json (metrics only, no per-case data). */
export interface AbcdPh2Report {
  command: string;
  dataset: { name: 'PH2'; cases: number; masks: 'expert lesion masks (IMDnnn_lesion)' };
  split: { seed: number; stratifiedBy: 'clinical_diagnosis'; tuneCases: number; heldOutCases: number };
  asymmetry: {
    tunedThresholds: { shape: number; colour: number | 'off' };
    heldOut: OrdinalAgreement;
    tune: OrdinalAgreement;
    shapeOnlyHeldOut: OrdinalAgreement;
  };
  colours: {
    tunedThresholds: ColourThresholds;
    heldOut: { count: OrdinalAgreement; perColour: Record<DermoscopicColour, PresenceAgreement> };
    tune: { count: OrdinalAgreement };
  };
  structures: {
    note: string;
    image: string;
    /** Mean tuning-half kappa (dots/globules, streaks, network vs skin) of the settings tuned on each image. */
    imageChoice: Record<StructureImage, { meanTuneKappa: number; tune: StructureTuning['tune'] }>;
    tunedOptions: Required<StructureOptions>;
    /** Whether what analyze() uses (DEFAULT_STRUCTURES on the colour-corrected image) is what this run tuned. */
    defaultsAreTuned: boolean;
    tune: StructureTuning['tune'];
    heldOut: {
      dotsOrGlobules: PresenceAgreement;
      streaks: PresenceAgreement;
      network: { vsExperts: PresenceAgreement; lesionVsSkin: PresenceAgreement };
      structurelessVsRegressionOrVeil: PresenceAgreement;
      gradedD: OrdinalAgreement;
      fullDVsGradedD: OrdinalAgreement;
    };
  };
  tds: {
    note: string;
    heldOut: { bandByDiagnosis: Record<string, Record<string, number>> };
  };
  secondsPerCase: number;
}

const SHAPE_GRID = Array.from({ length: 60 }, (_, i) => 0.02 + i * 0.01);
const COLOUR_GRID = [Infinity, ...Array.from({ length: 25 }, (_, i) => 2 + i)];
const FRACTION_GRID = [0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4];

function asymmetryAgreement(cases: CaseMeasures[], t: AsymmetryThresholds): OrdinalAgreement {
  return ordinalAgreement(
    cases.map((c) => c.case.asymmetry),
    cases.map((c) => scoreAsymmetry(c.axes, t)),
    0,
    2,
  );
}

/** Grid search of the asymmetry thresholds for quadratic weighted kappa (accuracy breaks ties). */
function tuneAsymmetry(cases: CaseMeasures[], useColour: boolean): AsymmetryThresholds {
  let best: AsymmetryThresholds = { shape: SHAPE_GRID[0], colour: Infinity };
  let bestKey = [-Infinity, -Infinity];
  for (const shape of SHAPE_GRID) {
    for (const colour of useColour ? COLOUR_GRID : [Infinity]) {
      const a = asymmetryAgreement(cases, { shape, colour });
      const key = [a.quadraticWeightedKappa ?? -1, a.accuracy];
      if (key[0] > bestKey[0] || (key[0] === bestKey[0] && key[1] > bestKey[1])) {
        bestKey = key;
        best = { shape, colour };
      }
    }
  }
  return best;
}

/** Per-colour presence threshold maximising balanced accuracy (mean of sensitivity and specificity). */
function tuneColours(cases: CaseMeasures[]): ColourThresholds {
  const out = {} as ColourThresholds;
  for (const colour of DERMOSCOPIC_COLOURS) {
    let best = FRACTION_GRID[0];
    let bestScore = -Infinity;
    for (const t of FRACTION_GRID) {
      const a = presenceAgreement(
        cases.map((c) => c.case.colours[colour]),
        cases.map((c) => c.colourFractions[colour] >= t),
      );
      const score = ((a.sensitivity ?? 0) + (a.specificity ?? 0)) / 2;
      if (score > bestScore) {
        bestScore = score;
        best = t;
      }
    }
    out[colour] = best;
  }
  return out;
}

const expertColourCount = (c: Ph2Case) => Math.max(1, DERMOSCOPIC_COLOURS.filter((k) => c.colours[k]).length);

function colourCountAgreement(cases: CaseMeasures[], t: ColourThresholds): OrdinalAgreement {
  return ordinalAgreement(
    cases.map((c) => expertColourCount(c.case)),
    cases.map((c) => scoreColours(c.colourFractions, t).score),
    1,
    6,
  );
}

/**
 * Compares automatic A, C and D (what PH2 grades of it) with the PH2 experts on the expert lesion
 * masks: thresholds are tuned on a seeded, diagnosis-stratified half and agreement is reported on
 * the other half. `onProgress` receives each case id as it is measured, then the D tuning's progress.
 */
export async function validateAbcdOnPh2(
  dataDir: string,
  command: string,
  onProgress: (id: string) => void = () => {},
): Promise<AbcdPh2Report> {
  const started = Date.now();
  const measures: CaseMeasures[] = [];
  for (const ph2Case of await loadPh2(dataDir)) {
    const analysis = await analysePh2Case(ph2Case);
    const image = analysis.preprocessed.colourCorrected;
    const ring = (image: RasterImage) => {
      const skin = perilesionalSkin(image, analysis.expertMask);
      return { image, skin: skin.data.reduce((n, v) => n + v, 0) >= MIN_SKIN_PIXELS ? skin : null };
    };
    measures.push({
      case: ph2Case,
      axes: measureAsymmetry(analysis.expertMask, image),
      colourFractions: measureColours(image, analysis.expertMask).fractions,
      border: border(image, analysis.expertMask).score,
      structureImages: { colourCorrected: ring(image), hairFree: ring(analysis.preprocessed.hairFree) },
      mask: analysis.expertMask,
    });
    onProgress(ph2Case.id);
  }
  const secondsPerCase = (Date.now() - started) / 1000 / measures.length;
  const { tune, heldOut } = splitPh2ForTuning(
    measures.map((m) => ({ ...m, id: m.case.id, clinicalDiagnosis: m.case.clinicalDiagnosis })),
  );

  const aThresholds = tuneAsymmetry(tune, true);
  const aShapeOnly = tuneAsymmetry(tune, false);
  const cThresholds = tuneColours(tune);
  const imageChoice = {} as AbcdPh2Report['structures']['imageChoice'];
  const tunings = {} as Record<StructureImage, StructureTuning>;
  for (const key of Object.keys(STRUCTURE_IMAGES) as StructureImage[]) {
    const tuning = tuneStructures(
      tune.map((c) => ({
        ...c.structureImages[key],
        mask: c.mask,
        dotsGlobules: c.case.dotsGlobules !== 'absent',
        streaks: c.case.streaks,
      })),
      (what) => onProgress(`${key} ${what}`),
    );
    tunings[key] = tuning;
    const kappas = Object.values(tuning.tune).map((a) => a.kappa ?? -1);
    imageChoice[key] = {
      meanTuneKappa: round(kappas.reduce((a, b) => a + b, 0) / kappas.length),
      tune: tuning.tune,
    };
  }
  const dImage = (Object.keys(imageChoice) as StructureImage[]).reduce((a, b) =>
    imageChoice[b].meanTuneKappa > imageChoice[a].meanTuneKappa ? b : a,
  );
  const dTuning = tunings[dImage];
  const dOptions = dTuning.options;
  const d = new Map<CaseMeasures, StructureResult>(
    heldOut.map((c) => [c, structures(c.structureImages[dImage].image, c.mask, dOptions)]),
  );
  const dOf = (c: CaseMeasures) => d.get(c) as StructureResult;
  const heldOutSkin = heldOut.filter((c) => c.structureImages[dImage].skin);
  const skinNetwork = heldOutSkin.map(
    (c) =>
      structures(c.structureImages[dImage].image, c.structureImages[dImage].skin as BinaryMask, dOptions)
        .present.network,
  );
  // PH2 grades three of the five D structures: the network (on every lesion), dots/globules as
  // one column, streaks. The expert-graded D counts those; the automatic one counts the same three.
  const expertGradedD = (c: Ph2Case) => 1 + (c.dotsGlobules !== 'absent' ? 1 : 0) + (c.streaks ? 1 : 0);
  const automaticGradedD = (r: StructureResult) =>
    Math.max(
      1,
      (r.present.network ? 1 : 0) +
        (r.present.dots || r.present.globules ? 1 : 0) +
        (r.present.streaks ? 1 : 0),
    );

  const perColour = Object.fromEntries(
    DERMOSCOPIC_COLOURS.map((colour) => [
      colour,
      presenceAgreement(
        heldOut.map((c) => c.case.colours[colour]),
        heldOut.map((c) => scoreColours(c.colourFractions, cThresholds).present[colour]),
      ),
    ]),
  ) as Record<DermoscopicColour, PresenceAgreement>;

  const bandByDiagnosis: Record<string, Record<string, number>> = {};
  for (const c of heldOut) {
    const tds = totalDermoscopyScore({
      asymmetry: scoreAsymmetry(c.axes, aThresholds),
      border: c.border,
      colours: scoreColours(c.colourFractions, cThresholds).score,
      structures: dOf(c).score,
    });
    const row = (bandByDiagnosis[c.case.clinicalDiagnosis] ??= {
      benign: 0,
      suspicious: 0,
      highly_suspicious: 0,
    });
    row[tdsBand(tds)]++;
  }

  return {
    command,
    dataset: { name: 'PH2', cases: measures.length, masks: 'expert lesion masks (IMDnnn_lesion)' },
    split: {
      seed: PH2_SPLIT_SEED,
      stratifiedBy: 'clinical_diagnosis',
      tuneCases: tune.length,
      heldOutCases: heldOut.length,
    },
    asymmetry: {
      tunedThresholds: {
        shape: round(aThresholds.shape),
        colour: Number.isFinite(aThresholds.colour) ? aThresholds.colour : 'off',
      },
      heldOut: asymmetryAgreement(heldOut, aThresholds),
      tune: asymmetryAgreement(tune, aThresholds),
      shapeOnlyHeldOut: asymmetryAgreement(heldOut, aShapeOnly),
    },
    colours: {
      tunedThresholds: cThresholds,
      heldOut: { count: colourCountAgreement(heldOut, cThresholds), perColour },
      tune: { count: colourCountAgreement(tune, cThresholds) },
    },
    structures: {
      note: STRUCTURES_NOTE,
      image: STRUCTURE_IMAGES[dImage],
      imageChoice,
      tunedOptions: dOptions,
      defaultsAreTuned:
        dImage === 'colourCorrected' &&
        (Object.keys(dOptions) as (keyof StructureOptions)[]).every(
          (k) => dOptions[k] === DEFAULT_STRUCTURES[k],
        ),
      tune: dTuning.tune,
      heldOut: {
        dotsOrGlobules: presenceAgreement(
          heldOut.map((c) => c.case.dotsGlobules !== 'absent'),
          heldOut.map((c) => dOf(c).present.dots || dOf(c).present.globules),
        ),
        streaks: presenceAgreement(
          heldOut.map((c) => c.case.streaks),
          heldOut.map((c) => dOf(c).present.streaks),
        ),
        network: {
          vsExperts: presenceAgreement(
            // PH2's pigment_network is T or AT on every case (the loader accepts nothing else).
            heldOut.map(() => true),
            heldOut.map((c) => dOf(c).present.network),
          ),
          lesionVsSkin: presenceAgreement(
            [...heldOut.map(() => true), ...heldOutSkin.map(() => false)],
            [...heldOut.map((c) => dOf(c).present.network), ...skinNetwork],
          ),
        },
        structurelessVsRegressionOrVeil: presenceAgreement(
          heldOut.map((c) => c.case.regressionAreas || c.case.blueWhitishVeil),
          heldOut.map((c) => dOf(c).present.structureless),
        ),
        gradedD: ordinalAgreement(
          heldOut.map((c) => expertGradedD(c.case)),
          heldOut.map((c) => automaticGradedD(dOf(c))),
          1,
          3,
        ),
        fullDVsGradedD: ordinalAgreement(
          heldOut.map((c) => expertGradedD(c.case)),
          heldOut.map((c) => dOf(c).score),
          1,
          5,
        ),
      },
    },
    tds: {
      note: 'TDS from automatic A (tuned), B (untuned heuristic), C (tuned) and D (tuned) on expert masks, by PH2 clinical diagnosis.',
      heldOut: { bandByDiagnosis },
    },
    secondsPerCase: round(secondsPerCase),
  };
}

const STRUCTURES_NOTE = [
  'D settings tuned on the tuning half only (grid search, Cohen kappa then balanced accuracy), on',
  'each candidate image; the image with the best mean tuning kappa is used (imageChoice).',
  "PH2 grades three of D's five structures: pigment_network (T or AT on all 140 cases: every lesion",
  'has one, so against the experts only sensitivity is defined; specificity comes from a negative',
  'control, a ring of perilesional skin 8-30 px outside the lesion, frame edges and dark corners left',
  'out), dots_globules (one column for both: T or AT = present, A = absent; compared with automatic',
  'dots OR globules) and streaks (P/A). Structureless areas have no PH2 column; regression_areas and',
  'blue_whitish_veil are structureless findings but not the same criterion, so',
  'structurelessVsRegressionOrVeil is only a proxy and was not used for tuning. gradedD: expert',
  '1 (network) + dots/globules + streaks, range 1-3, vs the automatic network + (dots or globules) +',
  'streaks (at least 1). fullDVsGradedD: the automatic D (1-5, also counting structureless and dots',
  'and globules separately) against the same expert count, so automatic values above 3 are expected.',
].join(' ');

function round(v: number): number {
  return Math.round(v * 10000) / 10000;
}
