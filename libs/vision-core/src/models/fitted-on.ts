// fitted-on.json beside a trained model: the units of each dataset (HAM10000 lesions, PH2 cases,
// CK+ subjects) whose images trained, validated or calibrated it. Evaluating the model on any folder
// scores only the units it never saw, so a folder of new images is scored whole and the development
// folder is scored on its held-out part, whatever split a new run of the split function would draw.
// Browser-safe.

export const FITTED_ON_FILE = 'fitted-on.json';

/** The units of one dataset a model was fitted on. */
export interface FittedOnDataset {
  /** What the ids name, as the dataset calls it: 'lesion_id', 'case', 'subject'. */
  unit: string;
  /** Sorted and unique. */
  ids: string[];
}

export interface FittedOn {
  /** How the list was made: at training, or reconstructed from the card's split. */
  note: string;
  /** Keyed by the dataset's name as model cards and loaders give it (HAM10000, PH2, CK+48). */
  datasets: Record<string, FittedOnDataset>;
}

/** The images a model is scored on out of a folder, and why. */
export interface HeldOutSelection<T> {
  items: T[];
  /** Items left out because their unit is in fitted-on.json. */
  excluded: number;
  /** One line for the metrics: which rule chose the items. */
  rule: string;
}

/** A dataset entry from any ids (deduplicated and sorted). */
export function fittedOnDataset(unit: string, ids: Iterable<string>): FittedOnDataset {
  return { unit, ids: [...new Set(ids)].sort() };
}

/** The union of several models' lists (an ensemble saw what each member saw). */
export function mergeFittedOn(note: string, lists: readonly FittedOn[]): FittedOn {
  const datasets: Record<string, FittedOnDataset> = {};
  for (const list of lists) {
    for (const [name, entry] of Object.entries(list.datasets)) {
      const known = datasets[name];
      if (known && known.unit !== entry.unit) {
        throw new Error(
          `cannot merge fitted-on lists: ${name} is counted in ${known.unit} in one and ${entry.unit} in another`,
        );
      }
      datasets[name] = fittedOnDataset(entry.unit, [...(known?.ids ?? []), ...entry.ids]);
    }
  }
  return { note, datasets };
}

/** Validates a parsed fitted-on.json; errors name `file` and the field at fault. */
export function parseFittedOn(json: unknown, file: string): FittedOn {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(`${file}: must be a JSON object {"note", "datasets": {"<dataset>": {"unit", "ids"}}}`);
  }
  const { note, datasets } = json as Record<string, unknown>;
  if (typeof note !== 'string') throw new Error(`${file}: field "note" must be a string`);
  if (typeof datasets !== 'object' || datasets === null || Array.isArray(datasets)) {
    throw new Error(`${file}: field "datasets" must be an object keyed by dataset name`);
  }
  const parsed: Record<string, FittedOnDataset> = {};
  for (const [name, entry] of Object.entries(datasets as Record<string, unknown>)) {
    const { unit, ids } = (entry ?? {}) as Record<string, unknown>;
    if (typeof unit !== 'string' || unit === '') {
      throw new Error(`${file}: field "datasets.${name}.unit" must be a non-empty string`);
    }
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && id !== '')) {
      throw new Error(`${file}: field "datasets.${name}.ids" must be an array of non-empty strings`);
    }
    parsed[name] = fittedOnDataset(unit, ids as string[]);
  }
  return { note, datasets: parsed };
}

/**
 * The items of `dataset` (read from `where`) whose unit the model was never fitted on. A model
 * with no entry for the dataset never saw it: every item is scored. Throws, naming the folder,
 * when nothing is left.
 */
export function heldOutItems<T>(
  items: readonly T[],
  fittedOn: FittedOn,
  dataset: string,
  unitOf: (item: T) => string,
  where: string,
): HeldOutSelection<T> {
  const entry = fittedOn.datasets[dataset];
  if (!entry) {
    return { items: [...items], excluded: 0, rule: `every image: the model was not fitted on ${dataset}` };
  }
  const seen = new Set(entry.ids);
  const kept = items.filter((item) => !seen.has(unitOf(item)));
  if (kept.length === 0) {
    throw new Error(
      `every image of ${where} belongs to a ${entry.unit} the model was fitted on (${FITTED_ON_FILE}): nothing is held out to score`,
    );
  }
  return {
    items: kept,
    excluded: items.length - kept.length,
    rule: `every image whose ${entry.unit} is not in ${FITTED_ON_FILE} (${entry.ids.length} ${dataset} ${entry.unit}s trained, validated or calibrated on)`,
  };
}
