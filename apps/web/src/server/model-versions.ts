import 'server-only';
import { getDb } from '@visioncad/db';

/** Model versions recorded in the database, newest first, with how many analyses each has run. */
export async function listModelVersions() {
  return getDb().modelVersion.findMany({
    orderBy: [{ task: 'asc' }, { createdAt: 'desc' }],
    select: {
      id: true,
      name: true,
      version: true,
      task: true,
      architecture: true,
      status: true,
      createdAt: true,
      promotedAt: true,
      _count: { select: { analyses: true } },
    },
  });
}

/** One row of the model-version list. */
export type ModelVersionRow = Awaited<ReturnType<typeof listModelVersions>>[number];
