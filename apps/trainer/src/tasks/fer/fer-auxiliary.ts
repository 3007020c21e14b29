// --auxiliary: faces of other datasets added to the training part only, as seed paper 000 trained on
// FER2013 with CK+ and JAFFE as auxiliary data. They never enter validation or test, so every
// figure a run reports stays on the primary dataset's held-out faces.
import { resolve } from 'node:path';
import { loadFerDataset, parseFerFormat, type FerFace, type FerFormat } from './fer-datasets';
import type { FerFittedGroup } from './fer-held-out';
import { ferLabelIndex } from './fer-labels';

/** One `<format>:<path>` of --auxiliary. */
export interface AuxiliarySource {
  format: FerFormat;
  path: string;
}

/** Parses `<format>:<path>[,<format>:<path>...]`; errors name the bad item. */
export function parseAuxiliarySources(value: string): AuxiliarySource[] {
  return value.split(',').map((item) => {
    const colon = item.indexOf(':');
    if (colon <= 0 || colon === item.length - 1) {
      throw new Error(`--auxiliary takes <format>:<path>[,<format>:<path>...], got "${item}"`);
    }
    return { format: parseFerFormat(item.slice(0, colon)), path: item.slice(colon + 1) };
  });
}

/** The auxiliary faces a run trains on, and a line for its model card. */
export interface AuxiliaryFaces {
  faces: FerFace[];
  description: string;
  /** The faces of each source with their own subject names, for fitted-on.json. */
  groups: FerFittedGroup[];
}

/**
 * Loads every auxiliary source and keeps the faces whose emotion is one of the model's classes
 * (CK+'s contempt has no FER2013 class; under the 4-group labels every emotion maps to a group).
 * FER2013 used as auxiliary data contributes its Training partition only.
 */
export async function loadAuxiliaryFaces(
  sources: readonly AuxiliarySource[],
  labels: readonly string[],
  primary: AuxiliarySource,
): Promise<AuxiliaryFaces> {
  const faces: FerFace[] = [];
  const parts: string[] = [];
  const groups: FerFittedGroup[] = [];
  for (const source of sources) {
    const flag = `--auxiliary ${source.format}:${source.path}`;
    if (resolve(source.path) === resolve(primary.path)) {
      throw new Error(`${flag} is the training data itself (--data)`);
    }
    const fer2013 = source.format === 'fer2013-folder' || source.format === 'fer2013-csv';
    const dataset = await loadFerDataset(source.format, source.path, fer2013 ? ['Training'] : undefined);
    const kept = dataset.faces.filter((f) => ferLabelIndex(labels, f.emotion) >= 0);
    if (kept.length === 0) {
      throw new Error(
        `${flag}: none of its ${dataset.faces.length} faces has one of this model's classes (${labels.join(', ')})`,
      );
    }
    const left = [
      ...new Set(dataset.faces.filter((f) => ferLabelIndex(labels, f.emotion) < 0).map((f) => f.emotion)),
    ];
    // Subjects carry the dataset's name: CK+'s S005 and another dataset's S005 are different people.
    faces.push(...kept.map((f) => ({ ...f, subject: f.subject && `${dataset.name}:${f.subject}` })));
    groups.push({ dataset: dataset.name, faces: kept });
    parts.push(
      `${kept.length} ${dataset.name} faces from ${source.path}` +
        (left.length ? ` (${left.join(', ')} left out: no class here)` : ''),
    );
  }
  return { faces, description: parts.join(' + '), groups };
}
