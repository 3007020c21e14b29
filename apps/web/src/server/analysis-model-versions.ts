// The ModelVersion row an analysis is recorded against: the registry's production model of the
// task, entered into the database from its card the first time an analysis uses it (by its unique
// name + version, so every caller that records the same card gets the same row).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getDb, type Db, type Prisma } from '@visioncad/db';
import { analysisModelsDir, productionModel } from './analysis-models';

/** The ModelVersion row of the task's production model (created from card.json when missing). */
export async function productionModelVersion(
  task: string,
  db: Db = getDb(),
  modelsDir = analysisModelsDir(),
) {
  const { card, dir, model } = await productionModel(task, modelsDir);
  const existing = await db.modelVersion.findUnique({
    where: { name_version: { name: card.name, version: card.version } },
  });
  if (existing) return existing;
  const markdown = await readFile(path.join(dir, 'card.md'), 'utf8').catch(() => null);
  return db.modelVersion.upsert({
    where: { name_version: { name: card.name, version: card.version } },
    create: {
      name: card.name,
      version: card.version,
      task: card.task,
      architecture: card.architecture,
      metrics: card.metrics as Prisma.InputJsonValue,
      card: card as unknown as Prisma.InputJsonValue,
      cardMarkdown: markdown,
      artifactPath: model,
      status: 'PRODUCTION',
      promotedAt: new Date(),
    },
    update: {},
  });
}
