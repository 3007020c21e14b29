import { DERMOSCOPIC_COLOURS, type DermoscopicColour } from '../datasets/dermoscopic-vocabulary';
import {
  measureAsymmetry,
  scoreAsymmetry,
  type AsymmetryThresholds,
  type AxisAsymmetry,
} from '../abcd/asymmetry';
import { border } from '../abcd/border';
import { measureColours, scoreColours, type ColourThresholds } from '../abcd/colours';
import { structures, type StructureResult } from '../abcd/structures';
import { totalDermoscopyScore, tdsBand } from '../abcd/tds';
import {
  ordinalAgreement,
  presenceAgreement,
  type OrdinalAgreement,
  type PresenceAgreement,
} from './agreement';
import { loadPh2, type Ph2Case } from './datasets/ph2';
import { analysePh2Case, PH2_SPLIT_SEED, splitPh2ForTuning } from './ph2-analysis';

/** What is measured once per case; thresholds are applied afterwards, so tuning is cheap. */
interface CaseMeasures {
  case: Ph2Case;
  axes: [AxisAsymmetry, AxisAsymmetry];
  colourFractions: Record<DermoscopicColour, number>;
  border: number;
  structures: StructureResult;
}

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
    heldOut: {
      dotsOrGlobules: PresenceAgreement;
      streaks: PresenceAgreement;
      networkDetectedFraction: number;
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
 * Compares automatic A and C (and what PH2 grades of D) with the PH2 experts on the expert lesion
 * masks: thresholds are tuned on a seeded, diagnosis-stratified half and agreement is reported on
 * the other half. `onProgress` receives each case id as it is measured.
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
    measures.push({
      case: ph2Case,
      axes: measureAsymmetry(analysis.expertMask, image),
      colourFractions: measureColours(image, analysis.expertMask).fractions,
      border: border(image, analysis.expertMask).score,
      structures: structures(image, analysis.expertMask),
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
      structures: c.structures.score,
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
      note: 'Untuned heuristic. PH2 grades dots/globules (A vs T/AT) and streaks (A/P); every PH2 lesion has a pigment network.',
      heldOut: {
        dotsOrGlobules: presenceAgreement(
          heldOut.map((c) => c.case.dotsGlobules !== 'absent'),
          heldOut.map((c) => c.structures.present.dots || c.structures.present.globules),
        ),
        streaks: presenceAgreement(
          heldOut.map((c) => c.case.streaks),
          heldOut.map((c) => c.structures.present.streaks),
        ),
        networkDetectedFraction: round(
          heldOut.filter((c) => c.structures.present.network).length / heldOut.length,
        ),
      },
    },
    tds: {
      note: 'TDS from automatic A (tuned), B and D (untuned heuristics), C (tuned) on expert masks, by PH2 clinical diagnosis.',
      heldOut: { bandByDiagnosis },
    },
    secondsPerCase: round(secondsPerCase),
  };
}

function round(v: number): number {
  return Math.round(v * 10000) / 10000;
}
