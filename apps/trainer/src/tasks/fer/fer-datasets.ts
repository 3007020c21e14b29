// Node-only: loads any FER dataset format the trainer accepts into 48x48 grayscale faces with their
// canonical emotion, the partition the release assigns (FER2013) and the subject (CK+, JAFFE).
import { resizeBilinear, type RasterImage } from '@visioncad/vision-core/image';
import {
  CKPLUS_CLASSES,
  EMOTIONS,
  FER2013_CLASSES,
  JAFFE_CLASSES,
  type Emotion,
  type Fer2013Usage,
} from '@visioncad/fer';
import {
  loadCkplus48,
  loadEmotionFolder,
  loadFer2013Csv,
  loadFer2013Folder,
  loadJaffe,
} from '@visioncad/fer/node';

/** Side of the square grayscale input every FER network here takes. */
export const FER_INPUT_SIZE = 48;

/** Dataset formats of --format. */
export const FER_FORMATS = ['fer2013-folder', 'fer2013-csv', 'ckplus48', 'jaffe', 'emotion-folder'] as const;
export type FerFormat = (typeof FER_FORMATS)[number];

/** One labelled face, decoded to FER_INPUT_SIZE² gray pixels. */
export interface FerFace {
  source: string;
  image: RasterImage;
  emotion: Emotion;
  /** FER2013's partition: Training, PublicTest or PrivateTest. */
  usage?: string;
  /** Who posed (CK+ and JAFFE); splits keep a person on one side. */
  subject?: string;
  /** CK+: the sequence (numbered within the subject) and frame number, for sequence models. */
  sequence?: string;
  frame?: number;
}

/** A loaded dataset and the emotions it can contain. */
export interface FerDataset {
  format: FerFormat;
  name: string;
  /** Source and terms, for model cards. */
  citation: string;
  classes: readonly Emotion[];
  faces: FerFace[];
}

/** Parses --format; the error lists the accepted names. */
export function parseFerFormat(value: string): FerFormat {
  if (!(FER_FORMATS as readonly string[]).includes(value)) {
    throw new Error(`--format ${value} is not a FER dataset format; use one of ${FER_FORMATS.join(', ')}`);
  }
  return value as FerFormat;
}

function toInputSize(image: RasterImage): RasterImage {
  return image.width === FER_INPUT_SIZE && image.height === FER_INPUT_SIZE
    ? image
    : resizeBilinear(image, FER_INPUT_SIZE, FER_INPUT_SIZE);
}

/**
 * Loads a dataset of the given format from a folder (or, for fer2013-csv, the CSV file).
 * `fer2013Usages` decodes only those FER2013 partitions (evaluation needs the test partitions alone);
 * other datasets have no partitions and ignore it.
 */
export async function loadFerDataset(
  format: FerFormat,
  path: string,
  fer2013Usages?: readonly Fer2013Usage[],
): Promise<FerDataset> {
  switch (format) {
    case 'fer2013-folder':
    case 'fer2013-csv': {
      const read = { usages: fer2013Usages };
      const samples =
        format === 'fer2013-folder' ? await loadFer2013Folder(path, read) : await loadFer2013Csv(path, read);
      return {
        format,
        name: 'FER2013',
        citation:
          'Goodfellow et al., "Challenges in Representation Learning: A report on three machine learning contests", ICML 2013 workshop (Kaggle FER2013); non-commercial research use',
        classes: FER2013_CLASSES,
        faces: samples.map((s) => ({ source: s.source, image: s.image, emotion: s.emotion, usage: s.usage })),
      };
    }
    case 'ckplus48': {
      const frames = await loadCkplus48(path);
      return {
        format,
        name: 'CK+48',
        citation:
          'Lucey et al., "The Extended Cohn-Kanade Dataset (CK+)", CVPR Workshops 2010; Cohn-Kanade database terms',
        classes: CKPLUS_CLASSES,
        faces: frames.map((f) => ({
          source: f.source,
          image: f.image,
          emotion: f.emotion,
          subject: f.subject,
          sequence: f.sequence,
          frame: f.frame,
        })),
      };
    }
    case 'emotion-folder': {
      // <emotion>/<subject>_<name>: e.g. the portal's export of clinician-reviewed faces (in-app
      // data), crops of any size scaled to the input; the classes are the emotions present.
      const faces = await loadEmotionFolder(path);
      return {
        format,
        name: 'emotion folder',
        citation: `labelled face crops from ${path} (their own terms)`,
        classes: EMOTIONS.filter((e) => faces.some((f) => f.emotion === e)),
        faces: faces.map((f) => ({
          source: f.source,
          image: toInputSize(f.image),
          emotion: f.emotion,
          subject: f.subject,
        })),
      };
    }
    case 'jaffe': {
      // JAFFE photos are 256x256 with the face filling most of the frame; they are scaled whole
      // (no face detection), which the model card lists as a limit.
      const images = await loadJaffe(path);
      return {
        format,
        name: 'JAFFE',
        citation:
          'Lyons et al., "Coding Facial Expressions with Gabor Wavelets", FG 1998; JAFFE terms of use',
        classes: JAFFE_CLASSES,
        faces: images.map((f) => ({
          source: f.source,
          image: toInputSize(f.image),
          emotion: f.emotion,
          subject: f.subject,
        })),
      };
    }
  }
}
