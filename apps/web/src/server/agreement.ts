// Live agreement between each model version and the clinicians: every case's current signed-off
// reading (amendments applied) against the top label of the analysis the clinician saw, as a
// confusion matrix with percent agreement and Cohen's kappa per model version.
import { getDb, type Db, type Prisma } from '@visioncad/db';
import { raterAgreement, type RaterAgreement } from '@visioncad/vision-core/metrics';
import type { AgreementFilters } from './agreement-filters';
import { currentReadings, modelTopLabel, type NoModelLabel } from './agreement-pairs';
import { ServiceError } from './service-error';

const DAY_MS = 24 * 3600 * 1000;

/** A model version as the agreement view names it. */
export interface AgreementModelVersion {
  id: string;
  name: string;
  version: string;
  task: string;
}

/** Model-vs-clinician agreement of one model version. */
export interface VersionAgreement {
  modelVersion: AgreementModelVersion;
  /** Rows: the clinicians' labels; columns: the model's (labels from its card first). */
  agreement: RaterAgreement;
  /** What the clinicians themselves recorded about agreeing with the model, for the same readings. */
  selfReported: Record<'AGREE' | 'PARTIAL' | 'DISAGREE' | 'none', number>;
  /**
   * Percent agreement on the images the analysis flagged as unlike the classifier's training images
   * (its image-novelty verdict) and on the others; `unjudged` readings had no verdict (a model
   * without novelty.json, or an analysis from before it). Null when no reading had a verdict.
   */
  novelty: {
    unusual: NoveltyGroup;
    usual: NoveltyGroup;
    unjudged: number;
  } | null;
}

/** Readings in one novelty group and the share where clinician and model gave the same label. */
export interface NoveltyGroup {
  n: number;
  /** Null when n is 0. */
  percentAgreement: number | null;
}

export interface AgreementReport {
  versions: VersionAgreement[];
  /** Current signed-off readings in the filtered cases (amended readings counted once). */
  readings: number;
  /** Signed-off reviews replaced by a later signed-off amendment. */
  superseded: number;
  /** Current readings left out, by why they have no model label. */
  withoutModelLabel: Record<NoModelLabel, number>;
  /** Every recorded model version, for the filter's choices. */
  modelVersions: AgreementModelVersion[];
}

function caseFilter(filters: AgreementFilters): Prisma.CaseWhereInput {
  const visitDate: Prisma.DateTimeFilter = {};
  if (filters.from) visitDate.gte = filters.from;
  // `to` is a whole day: visits at any time that day are in.
  if (filters.to) visitDate.lt = new Date(filters.to.getTime() + DAY_MS);
  return {
    ...(filters.from || filters.to ? { visitDate } : {}),
    ...(filters.bodySite ? { bodySite: filters.bodySite } : {}),
  };
}

/** The analysis's image-novelty verdict (dermoscopy outputs `novelty.unusual`), or null without one. */
function unusualImage(outputs: unknown): boolean | null {
  const unusual = (outputs as { novelty?: { unusual?: unknown } | null } | null)?.novelty?.unusual;
  return typeof unusual === 'boolean' ? unusual : null;
}

function noveltyGroup(clinician: string[], model: string[], keep: boolean[]): NoveltyGroup {
  let n = 0;
  let same = 0;
  keep.forEach((kept, i) => {
    if (!kept) return;
    n += 1;
    if (clinician[i] === model[i]) same += 1;
  });
  return { n, percentAgreement: n === 0 ? null : same / n };
}

function cardLabels(card: unknown): string[] {
  const labels = (card as { labels?: unknown } | null)?.labels;
  return Array.isArray(labels) ? labels.filter((label): label is string => typeof label === 'string') : [];
}

interface AnalysisSeen {
  modelVersionId: string;
  outputs: unknown;
}

/**
 * Computes agreement per model version for the cases the filters select. A reading without an
 * analysis link (the clinician recorded no agreement) is compared with the latest successful
 * analysis of its image (or case) finished before the sign-off, the same analysis a review with
 * an agreement is tied to.
 */
export async function modelClinicianAgreement(
  filters: AgreementFilters,
  db: Db = getDb(),
): Promise<AgreementReport> {
  const versions = await db.modelVersion.findMany({
    orderBy: [{ task: 'asc' }, { name: 'asc' }, { createdAt: 'desc' }],
    select: { id: true, name: true, version: true, task: true, card: true },
  });
  if (filters.modelVersionId && !versions.some((version) => version.id === filters.modelVersionId)) {
    throw new ServiceError(
      400,
      `model "${filters.modelVersionId}" is not a recorded model version.`,
      'model',
    );
  }
  const reviews = await db.review.findMany({
    where: { signedOffAt: { not: null }, case: caseFilter(filters) },
    select: {
      id: true,
      amendsId: true,
      signedOffAt: true,
      label: true,
      agreement: true,
      caseId: true,
      imageId: true,
      analysis: { select: { modelVersionId: true, outputs: true, status: true } },
    },
  });
  const readings = currentReadings(
    reviews.map((review) => ({ ...review, signedOffAt: review.signedOffAt as Date })),
  );

  const unlinked = readings.filter((reading) => reading.analysis === null);
  const candidates =
    unlinked.length === 0
      ? []
      : await db.analysis.findMany({
          where: {
            status: 'SUCCEEDED',
            image: { caseId: { in: [...new Set(unlinked.map((r) => r.caseId))] } },
          },
          orderBy: { finishedAt: 'desc' },
          select: {
            modelVersionId: true,
            outputs: true,
            finishedAt: true,
            imageId: true,
            image: { select: { caseId: true } },
          },
        });
  // Newest first, per case, so the first match is the latest analysis finished before sign-off.
  const byCase = new Map<string, typeof candidates>();
  for (const analysis of candidates) {
    const list = byCase.get(analysis.image.caseId) ?? [];
    list.push(analysis);
    byCase.set(analysis.image.caseId, list);
  }
  const seenBy = (reading: (typeof readings)[number]): AnalysisSeen | null => {
    if (reading.analysis) return reading.analysis.status === 'SUCCEEDED' ? reading.analysis : null;
    return (
      byCase
        .get(reading.caseId)
        ?.find(
          (analysis) =>
            (reading.imageId === null || analysis.imageId === reading.imageId) &&
            analysis.finishedAt !== null &&
            analysis.finishedAt <= reading.signedOffAt,
        ) ?? null
    );
  };

  const withoutModelLabel: Record<NoModelLabel, number> = {
    'no-analysis': 0,
    'no-label': 0,
    'no-face': 0,
    'several-faces': 0,
  };
  const pairs = new Map<
    string,
    { clinician: string[]; model: string[]; agreements: (string | null)[]; unusual: (boolean | null)[] }
  >();
  for (const reading of readings) {
    const analysis = seenBy(reading);
    if (!analysis) {
      withoutModelLabel['no-analysis'] += 1;
      continue;
    }
    if (filters.modelVersionId && analysis.modelVersionId !== filters.modelVersionId) continue;
    const top = modelTopLabel(analysis.outputs);
    if ('missing' in top) {
      withoutModelLabel[top.missing] += 1;
      continue;
    }
    const group = pairs.get(analysis.modelVersionId) ?? {
      clinician: [],
      model: [],
      agreements: [],
      unusual: [],
    };
    group.clinician.push(reading.label);
    group.model.push(top.label);
    group.agreements.push(reading.agreement);
    group.unusual.push(unusualImage(analysis.outputs));
    pairs.set(analysis.modelVersionId, group);
  }

  const result: VersionAgreement[] = [];
  for (const version of versions) {
    const group = pairs.get(version.id);
    if (!group) continue;
    const count = (value: string | null) =>
      group.agreements.filter((agreement) => agreement === value).length;
    result.push({
      modelVersion: { id: version.id, name: version.name, version: version.version, task: version.task },
      agreement: raterAgreement(group.clinician, group.model, cardLabels(version.card)),
      selfReported: {
        AGREE: count('AGREE'),
        PARTIAL: count('PARTIAL'),
        DISAGREE: count('DISAGREE'),
        none: count(null),
      },
      novelty: group.unusual.some((u) => u !== null)
        ? {
            unusual: noveltyGroup(
              group.clinician,
              group.model,
              group.unusual.map((u) => u === true),
            ),
            usual: noveltyGroup(
              group.clinician,
              group.model,
              group.unusual.map((u) => u === false),
            ),
            unjudged: group.unusual.filter((u) => u === null).length,
          }
        : null,
    });
  }
  return {
    versions: result,
    readings: readings.length,
    superseded: reviews.length - readings.length,
    withoutModelLabel,
    modelVersions: versions.map(({ id, name, version, task }) => ({ id, name, version, task })),
  };
}
