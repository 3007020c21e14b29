import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { enumCell, flagCell, parseCsvTable, requiredCell, type CsvRow } from '../../datasets/csv-table';
import { DatasetError } from '../../datasets/dataset-error';
import {
  DERMOSCOPIC_COLOURS,
  PH2_DIAGNOSES,
  type DermoscopicColour,
  type Ph2Diagnosis,
} from '../../datasets/dermoscopic-vocabulary';
import { listImagesByStem } from './image-files';

/** A PH2 colour-region mask (`IMDnnn_roi/IMDnnn_R1_Label4.bmp`). */
export interface Ph2ColourRegion {
  path: string;
  /** Region id as in the file name, e.g. R1. */
  region: string;
  /** The label part of the file name, e.g. Label4 or LabelStreaks. */
  label: string;
  /** The ABCD colour for Label1..Label6 (white, red, light brown, dark brown, blue-gray, black); null otherwise. */
  colour: DermoscopicColour | null;
}

/** Presence pattern of a PH2 dermoscopic criterion: typical or atypical (or absent for dots/globules). */
export type Ph2Pattern = 'absent' | 'typical' | 'atypical';

/** One PH2 case (Mendonça et al. 2013): image, expert lesion mask, colour regions and the expert table row. */
export interface Ph2Case {
  id: string;
  imagePath: string;
  lesionMaskPath: string;
  colourRegions: Ph2ColourRegion[];
  clinicalDiagnosis: Ph2Diagnosis;
  histologicalDiagnosis: string | null;
  /** Expert asymmetry score: 0 symmetric, 1 asymmetric about one axis, 2 about both. */
  asymmetry: 0 | 1 | 2;
  pigmentNetwork: Exclude<Ph2Pattern, 'absent'>;
  dotsGlobules: Ph2Pattern;
  streaks: boolean;
  regressionAreas: boolean;
  blueWhitishVeil: boolean;
  /** Which of the six ABCD colours the experts saw. */
  colours: Record<DermoscopicColour, boolean>;
}

export const PH2_TABLE_FILE = 'PH2_dataset.csv';
export const PH2_IMAGES_FOLDER = 'PH2 Dataset images';
const REQUIRED_COLUMNS = [
  'image_name',
  'clinical_diagnosis',
  'asymmetry',
  'pigment_network',
  'dots_globules',
  'streaks',
  'regression_areas',
  'blue_whitish_veil',
  ...DERMOSCOPIC_COLOURS,
];
const PATTERN = { A: 'absent', T: 'typical', AT: 'atypical' } as const;
const ROI_NAME = /^(IMD\d+)_(R\d+)_(Label\w*)$/;

function presence(row: CsvRow, column: string, file: string): boolean {
  return enumCell(row, column, file, ['A', 'P'] as const) === 'P';
}

/** Parses PH2_dataset.csv (the CSV export of PH2_dataset.xlsx) into table rows keyed by case id. */
export function parsePh2Table(
  text: string,
  file: string,
): Map<string, Omit<Ph2Case, 'imagePath' | 'lesionMaskPath' | 'colourRegions'>> {
  const cases = new Map<string, Omit<Ph2Case, 'imagePath' | 'lesionMaskPath' | 'colourRegions'>>();
  const lines = new Map<string, number>();
  for (const row of parseCsvTable(text, file, REQUIRED_COLUMNS)) {
    const id = requiredCell(row, 'image_name', file);
    if (!/^IMD\d+$/.test(id)) {
      throw new DatasetError(
        { file, line: row.line, field: 'image_name' },
        `'${id}' is not a PH2 case id (IMDnnn)`,
      );
    }
    if (lines.has(id)) {
      throw new DatasetError(
        { file, line: row.line, field: 'image_name' },
        `${id} is listed twice (also line ${lines.get(id)})`,
      );
    }
    lines.set(id, row.line);
    const asymmetry = Number(enumCell(row, 'asymmetry', file, ['0', '1', '2'] as const)) as 0 | 1 | 2;
    const colours = Object.fromEntries(DERMOSCOPIC_COLOURS.map((c) => [c, flagCell(row, c, file)])) as Record<
      DermoscopicColour,
      boolean
    >;
    cases.set(id, {
      id,
      clinicalDiagnosis: enumCell(row, 'clinical_diagnosis', file, PH2_DIAGNOSES),
      histologicalDiagnosis: row.values.histological_diagnosis || null,
      asymmetry,
      pigmentNetwork: PATTERN[enumCell(row, 'pigment_network', file, ['T', 'AT'] as const)],
      dotsGlobules: PATTERN[enumCell(row, 'dots_globules', file, ['A', 'T', 'AT'] as const)],
      streaks: presence(row, 'streaks', file),
      regressionAreas: presence(row, 'regression_areas', file),
      blueWhitishVeil: presence(row, 'blue_whitish_veil', file),
      colours,
    });
  }
  return cases;
}

async function findOne(dir: string, stem: string, what: string): Promise<string> {
  const images = await listImagesByStem(dir);
  const path = images.get(stem);
  if (!path) throw new DatasetError({ file: dir }, `${what} ${stem}.bmp or ${stem}.png is missing`);
  return path;
}

async function colourRegions(caseDir: string, id: string): Promise<Ph2ColourRegion[]> {
  const roiDir = join(caseDir, `${id}_roi`);
  const exists = await readdir(roiDir).then(
    () => true,
    () => false,
  );
  if (!exists) return [];
  const regions: Ph2ColourRegion[] = [];
  for (const [stem, path] of await listImagesByStem(roiDir)) {
    const match = ROI_NAME.exec(stem);
    if (!match || match[1] !== id) {
      throw new DatasetError({ file: path }, `colour-region file name is not ${id}_R<n>_Label<...>`);
    }
    const n = /^Label([1-6])$/.exec(match[3]);
    regions.push({
      path,
      region: match[2],
      label: match[3],
      colour: n ? DERMOSCOPIC_COLOURS[Number(n[1]) - 1] : null,
    });
  }
  return regions;
}

/**
 * Loads PH2 from `dir` (`PH2_dataset.csv` + `PH2 Dataset images/IMDnnn/...`, BMP or PNG). Every table
 * row needs its image and lesion mask, and every case folder needs a table row.
 */
export async function loadPh2(dir: string): Promise<Ph2Case[]> {
  const tablePath = join(dir, PH2_TABLE_FILE);
  let text: string;
  try {
    text = await readFile(tablePath, 'utf8');
  } catch (error) {
    throw new DatasetError(
      { file: tablePath },
      `cannot read the PH2 expert table: ${(error as Error).message}`,
    );
  }
  const table = parsePh2Table(text, tablePath);
  const imagesDir = join(dir, PH2_IMAGES_FOLDER);
  let folders: string[];
  try {
    folders = (await readdir(imagesDir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch (error) {
    throw new DatasetError(
      { file: imagesDir },
      `cannot read the PH2 image folder: ${(error as Error).message}`,
    );
  }
  const withoutRow = folders.filter((f) => !table.has(f));
  if (withoutRow.length > 0) {
    throw new DatasetError(
      { file: tablePath },
      `case folder(s) ${withoutRow.slice(0, 5).join(', ')} have no row`,
    );
  }
  const cases: Ph2Case[] = [];
  for (const [id, row] of [...table].sort(([a], [b]) => a.localeCompare(b))) {
    const caseDir = join(imagesDir, id);
    if (!folders.includes(id)) {
      throw new DatasetError(
        { file: imagesDir },
        `${id} is in ${PH2_TABLE_FILE} but its folder ${id}/ is missing`,
      );
    }
    cases.push({
      ...row,
      imagePath: await findOne(join(caseDir, `${id}_Dermoscopic_Image`), id, 'dermoscopic image'),
      lesionMaskPath: await findOne(join(caseDir, `${id}_lesion`), `${id}_lesion`, 'lesion mask'),
      colourRegions: await colourRegions(caseDir, id),
    });
  }
  return cases;
}
