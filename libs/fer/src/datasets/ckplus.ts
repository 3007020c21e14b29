import { groupKFold, groupShuffleSplit, type Fold } from '@visioncad/vision-core/features';

import type { Emotion } from '../label-space';
import { DatasetError } from './dataset-error';
import type { LabelledFaceFile } from './labelled-face';

/** Subject, sequence and frame of a CK+ file name such as `S010_004_00000017.png`. */
export interface CkplusFrameId {
  /** e.g. "S010". */
  subject: string;
  /** e.g. "004", numbered within the subject. */
  sequence: string;
  frame: number;
}

/** A CK+48 image file. */
export type CkplusFrameFile = LabelledFaceFile & CkplusFrameId;

const FILE_NAME = /^(S\d+)_(\d+)_(\d+)\.png$/i;

/** Parses `S<subject>_<sequence>_<frame>.png`; `path` goes into the error. */
export function parseCkplusFileName(name: string, path: string): CkplusFrameId {
  const m = FILE_NAME.exec(name);
  if (!m) {
    throw new DatasetError(
      { file: path },
      'not a CK+ frame name S<subject>_<sequence>_<frame>.png (e.g. S010_004_00000017.png)',
    );
  }
  return { subject: m[1].toUpperCase(), sequence: m[2], frame: Number(m[3]) };
}

/** The frames of one CK+ sequence (CK+48 keeps the last three, the expression's apex), in frame order. */
export interface CkplusSequence<F extends CkplusFrameId & { emotion: Emotion }> {
  /** `<subject>_<sequence>`, e.g. "S010_004". */
  id: string;
  subject: string;
  emotion: Emotion;
  frames: F[];
}

/**
 * Groups frames into their sequences for frame-sequence models (CNN-BiLSTM). A sequence whose frames
 * carry different emotions, or that repeats a frame number, is an error.
 */
export function groupCkplusSequences<F extends CkplusFrameId & { emotion: Emotion; path?: string }>(
  frames: readonly F[],
): CkplusSequence<F>[] {
  const byId = new Map<string, CkplusSequence<F>>();
  for (const frame of frames) {
    const id = `${frame.subject}_${frame.sequence}`;
    const sequence = byId.get(id);
    if (!sequence) {
      byId.set(id, { id, subject: frame.subject, emotion: frame.emotion, frames: [frame] });
      continue;
    }
    const where = { file: frame.path ?? id };
    if (sequence.emotion !== frame.emotion) {
      throw new DatasetError(
        where,
        `sequence ${id} is labelled both ${sequence.emotion} and ${frame.emotion}`,
      );
    }
    if (sequence.frames.some((f) => f.frame === frame.frame)) {
      throw new DatasetError(where, `sequence ${id} has frame ${frame.frame} twice`);
    }
    sequence.frames.push(frame);
  }
  const sequences = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  for (const s of sequences) s.frames.sort((a, b) => a.frame - b.frame);
  return sequences;
}

/**
 * Subject-wise k-fold cross-validation (seeded): a subject's frames are all in one fold, so a model
 * is never tested on a person it was trained on. Works on frames or on sequences.
 */
export function ckplusSubjectFolds(items: readonly { subject: string }[], k: number, seed = 0): Fold[] {
  return groupKFold(
    items.map((item) => item.subject),
    k,
    { seed },
  );
}

/** A seeded subject-wise train/test split holding out about `testFraction` of the subjects. */
export function ckplusSubjectSplit(
  items: readonly { subject: string }[],
  testFraction: number,
  seed = 0,
): Fold {
  return groupShuffleSplit(
    items.map((item) => item.subject),
    testFraction,
    { seed },
  );
}
