/** The six colours of the ABCD rule (Stolz et al. 1994), in the order PH2 lists them. */
export const DERMOSCOPIC_COLOURS = [
  'white',
  'red',
  'light_brown',
  'dark_brown',
  'blue_gray',
  'black',
] as const;

/** One of the six ABCD colours. */
export type DermoscopicColour = (typeof DERMOSCOPIC_COLOURS)[number];

/** The seven HAM10000 diagnoses. */
export const HAM10000_DIAGNOSES = ['akiec', 'bcc', 'bkl', 'df', 'mel', 'nv', 'vasc'] as const;

/** A HAM10000 diagnosis code. */
export type Ham10000Diagnosis = (typeof HAM10000_DIAGNOSES)[number];

/** PH2's three clinical diagnoses. */
export const PH2_DIAGNOSES = ['common_nevus', 'atypical_nevus', 'melanoma'] as const;

/** A PH2 clinical diagnosis. */
export type Ph2Diagnosis = (typeof PH2_DIAGNOSES)[number];
