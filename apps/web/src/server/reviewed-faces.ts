// In-app data: the faces clinicians reviewed, as a labelled emotion folder for fine-tuning (seed paper
// 000 fine-tuned on its app's own faces to close the gap between FER2013 and real use). Each image's
// current signed-off reading (one that no signed-off amendment replaced) labels the main face of its
// latest succeeded face analysis; the crop (cut by the eyes at the FER model's framing when the
// analysis recorded landmarks, else by the box) is written as a 48x48 gray PNG to
// <out>/<emotion>/<patient reference>_<image id>.png, the layout `trainer train --task fer
// --format emotion-folder` (or `--auxiliary emotion-folder:<out>`) reads, with the pseudonymous
// patient as the subject so splits keep a person's faces together.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EMOTIONS } from '@visioncad/fer/label-space';
import type { Db } from '@visioncad/db';
import { cropFace, type EyeFraming } from '@visioncad/fer/face/face-alignment';
import { TINY_FACE_DETECTOR_EYES_416 } from '@visioncad/fer/face/detector-eyes';
import { crop, resizeBilinear, toGrayscale, type RasterImage } from '@visioncad/vision-core/image';
import { decodeImageBuffer, encodePng } from '@visioncad/vision-core/image-node';
import { finishedOutputs } from './analysis-outputs';
import { readStoredBytes } from './image-storage';

/** Side of the exported crops: the FER models' input. */
export const REVIEWED_FACE_SIZE = 48;

/** One reviewed face to export. */
export interface ReviewedFace {
  imageId: string;
  reviewId: string;
  patientReference: string;
  emotion: string;
  storageKey: string;
  /** The main face's box in the uploaded image's pixels. */
  box: { x: number; y: number; width: number; height: number };
  /** Its 68 landmarks in the same pixels, when the analysis recorded them. */
  landmarks?: Array<{ x: number; y: number }>;
}

/** A signed-off emotion reading that yields no face, and why. */
export interface SkippedReview {
  imageId: string;
  reviewId: string;
  reason: string;
}

/**
 * The current signed-off emotion reading of every reviewed image and its main face. Readings of
 * images without a succeeded face analysis, or whose analysis found no face, come back as skipped.
 */
export async function reviewedFaces(db: Db): Promise<{ faces: ReviewedFace[]; skipped: SkippedReview[] }> {
  const reviews = await db.review.findMany({
    where: { signedOffAt: { not: null }, imageId: { not: null }, label: { in: [...EMOTIONS] } },
    orderBy: [{ signedOffAt: 'desc' }, { id: 'desc' }],
    select: {
      id: true,
      label: true,
      imageId: true,
      amendments: { where: { signedOffAt: { not: null } }, select: { id: true } },
      image: {
        select: {
          storageKey: true,
          case: { select: { patient: { select: { reference: true } } } },
          analyses: {
            where: { status: 'SUCCEEDED' },
            orderBy: [{ finishedAt: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
            select: { outputs: true },
          },
        },
      },
    },
  });
  const faces: ReviewedFace[] = [];
  const skipped: SkippedReview[] = [];
  const seen = new Set<string>();
  for (const review of reviews) {
    const { image } = review;
    // Latest reading first: an image counts once, with the newest reading that was not amended.
    if (!image || review.amendments.length > 0 || seen.has(review.imageId!)) continue;
    seen.add(review.imageId!);
    const base = { imageId: review.imageId!, reviewId: review.id };
    const outputs = image.analyses.map((a) => finishedOutputs(a.outputs)).find((o) => o?.kind === 'FACE');
    if (!outputs || outputs.kind !== 'FACE') {
      skipped.push({ ...base, reason: 'no succeeded face analysis' });
      continue;
    }
    const main = outputs.faces[0];
    if (!main) {
      skipped.push({ ...base, reason: 'its face analysis found no face' });
      continue;
    }
    faces.push({
      ...base,
      patientReference: image.case.patient.reference,
      emotion: review.label,
      storageKey: image.storageKey,
      box: main.box,
      ...(main.landmarks?.length === 68 ? { landmarks: main.landmarks } : {}),
    });
  }
  return { faces, skipped };
}

/** The box rounded to whole pixels and clipped to the image; null when nothing of it is inside. */
function pixelBox(box: ReviewedFace['box'], width: number, height: number) {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(width, Math.ceil(box.x + box.width));
  const y1 = Math.min(height, Math.ceil(box.y + box.height));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

/** A file-name-safe subject: the reference with anything but letters, digits and "-" as "-". */
function subjectOf(reference: string): string {
  return reference.replace(/[^A-Za-z0-9-]/g, '-') || 'patient';
}

/** What an export wrote (and how each face was cut) and what it could not. */
export interface ReviewedFaceExport {
  written: Array<{ file: string; imageId: string; emotion: string; cut: 'eyes' | 'box-eyes' | 'box' }>;
  skipped: SkippedReview[];
}

/**
 * Writes the reviewed faces under `out` as an emotion folder. With `framing` (the FER model's,
 * card input.faceFraming) a face is cut by the eyes at that framing, as the portal cut it for the
 * model: its landmarks' eyes when the analysis recorded them ('eyes'), else those the detector's box
 * puts there on average ('box-eyes'); without `framing`, by its box ('box'). An image whose stored bytes
 * are missing or undecodable is skipped with the reason (naming the image), the rest are written.
 */
export async function exportReviewedFaces(options: {
  db: Db;
  storageDir: string;
  out: string;
  framing?: EyeFraming;
}): Promise<ReviewedFaceExport> {
  const { faces, skipped } = await reviewedFaces(options.db);
  const written: ReviewedFaceExport['written'] = [];
  for (const face of faces) {
    const base = { imageId: face.imageId, reviewId: face.reviewId };
    let image;
    try {
      const bytes = await readStoredBytes(face.storageKey, options.storageDir);
      image = await decodeImageBuffer(bytes, `image ${face.imageId}`);
    } catch (error) {
      skipped.push({ ...base, reason: (error as Error).message });
      continue;
    }
    const rect = pixelBox(face.box, image.width, image.height);
    if (!rect) {
      skipped.push({ ...base, reason: `face box ${JSON.stringify(face.box)} lies outside the image` });
      continue;
    }
    let gray: RasterImage;
    if (options.framing) {
      gray = cropFace(image, face, {
        size: REVIEWED_FACE_SIZE,
        eyes: options.framing,
        boxEyes: TINY_FACE_DETECTOR_EYES_416,
      });
    } else {
      const cropped = crop(image, rect);
      gray = resizeBilinear(
        cropped.channels === 1 ? cropped : toGrayscale(cropped),
        REVIEWED_FACE_SIZE,
        REVIEWED_FACE_SIZE,
      );
    }
    const png = await encodePng(gray);
    const dir = path.join(options.out, face.emotion);
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `${subjectOf(face.patientReference)}_${face.imageId}.png`);
    await writeFile(file, png);
    written.push({
      file,
      imageId: face.imageId,
      emotion: face.emotion,
      cut: !options.framing ? 'box' : face.landmarks ? 'eyes' : 'box-eyes',
    });
  }
  return { written, skipped };
}
