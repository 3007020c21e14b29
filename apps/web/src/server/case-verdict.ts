// The model verdict of a case, kept on Case.modelVerdict so the case list can filter on it through
// an index instead of reading analysis outputs: the top label of the case's latest succeeded
// analysis. A dermoscopy image gives its top diagnosis (HAM10000 code), a face image the emotion of
// its main (largest) face, a video the most frequent emotion of its frames' main faces (as the
// case page's timeline counts it); an analysis that found no face gives "no-face". Each image counts
// with its latest succeeded analysis, so a failed re-run or retry leaves the verdict as it was.
// The migration that added the column backfills it with the same rules in SQL
// (prisma/migrations/*/20261124080723_case_model_verdict); keep the two in step.
import type { Prisma } from '@visioncad/db';
import { finishedOutputs } from './analysis-outputs';

/** The verdict of an analysis that found no face. */
export const NO_FACE_VERDICT = 'no-face';

/** The case list's `verdict` filter value for cases no analysis has finished for (modelVerdict null). */
export const NO_VERDICT_FILTER = 'none';

/** The verdict a single finished analysis gives; null for outputs that are not a finished result. */
export function analysisVerdict(outputs: unknown): string | null {
  const finished = finishedOutputs(outputs);
  if (!finished) return null;
  const label = (value: unknown) => (typeof value === 'string' ? value : null);
  if (finished.kind === 'DERMOSCOPY') return label(finished.topLabel);
  const faces: unknown = finished.faces;
  return (
    (Array.isArray(faces) ? label((faces[0] as { topLabel?: unknown } | undefined)?.topLabel) : null) ??
    NO_FACE_VERDICT
  );
}

/** The most frequent label; a tie goes to the label seen first. Null for no labels. */
export function dominantLabel(labels: readonly string[]): string | null {
  const tally = new Map<string, number>();
  for (const label of labels) tally.set(label, (tally.get(label) ?? 0) + 1);
  let best: [string, number] | null = null;
  for (const entry of tally) if (!best || entry[1] > best[1]) best = entry;
  return best ? best[0] : null;
}

/** A succeeded analysis as the verdict reads it. */
export interface VerdictAnalysis {
  id: string;
  outputs: unknown;
  finishedAt: Date | null;
  createdAt: Date;
}

/** An image of the case with its succeeded analyses (any order). */
export interface VerdictImage {
  kind: string;
  sourceKey: string | null;
  frameIndex: number | null;
  analyses: VerdictAnalysis[];
}

/** Whether `a` finished after `b`: by finishedAt, then createdAt, then id (the migration's order). */
function isLater(a: VerdictAnalysis, b: VerdictAnalysis): boolean {
  const finished = (a.finishedAt?.getTime() ?? 0) - (b.finishedAt?.getTime() ?? 0);
  if (finished !== 0) return finished > 0;
  const created = a.createdAt.getTime() - b.createdAt.getTime();
  if (created !== 0) return created > 0;
  return a.id > b.id;
}

interface ImageVerdict {
  image: VerdictImage;
  analysis: VerdictAnalysis;
  verdict: string;
}

/** The image's latest succeeded analysis that has finished outputs, with its verdict. */
function latestOf(image: VerdictImage): ImageVerdict | null {
  let latest: ImageVerdict | null = null;
  for (const analysis of image.analyses) {
    const verdict = analysisVerdict(analysis.outputs);
    if (verdict !== null && (!latest || isLater(analysis, latest.analysis))) {
      latest = { image, analysis, verdict };
    }
  }
  return latest;
}

/** The case's verdict from its images and their succeeded analyses; null when none has finished. */
export function caseVerdict(images: readonly VerdictImage[]): string | null {
  const perImage = images.map(latestOf).filter((entry): entry is ImageVerdict => entry !== null);
  let last: ImageVerdict | null = null;
  for (const entry of perImage) if (!last || isLater(entry.analysis, last.analysis)) last = entry;
  if (!last) return null;
  const { kind, sourceKey } = last.image;
  if (kind !== 'VIDEO_FRAME' || sourceKey === null) return last.verdict;
  const frames = perImage
    .filter((entry) => entry.image.kind === 'VIDEO_FRAME' && entry.image.sourceKey === sourceKey)
    .sort((a, b) => (a.image.frameIndex ?? 0) - (b.image.frameIndex ?? 0));
  const withFace = frames.map((entry) => entry.verdict).filter((label) => label !== NO_FACE_VERDICT);
  return dominantLabel(withFace) ?? NO_FACE_VERDICT;
}

/**
 * Recomputes and stores the case's verdict; call it inside the transaction that finishes an
 * analysis. Writes only when the verdict changed. Returns the verdict.
 */
export async function refreshCaseVerdict(
  caseId: string,
  tx: Prisma.TransactionClient,
): Promise<string | null> {
  const found = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      modelVerdict: true,
      images: {
        select: {
          kind: true,
          sourceKey: true,
          frameIndex: true,
          analyses: {
            where: { status: 'SUCCEEDED' },
            select: { id: true, outputs: true, finishedAt: true, createdAt: true },
          },
        },
      },
    },
  });
  const verdict = caseVerdict(found.images);
  if (verdict !== found.modelVerdict) {
    await tx.case.update({ where: { id: caseId }, data: { modelVerdict: verdict } });
  }
  return verdict;
}
