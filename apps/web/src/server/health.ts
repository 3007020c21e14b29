import 'server-only';
import { checkDatabase, type DatabaseHealth } from '@visioncad/db';
import type { ModelArtifactCheck } from './model-registry';
import { registeredModels } from './registered-models';

/** The body of GET /api/health. */
export interface HealthReport {
  /** 'ok': everything found; 'degraded': the database works but the registry or a model artifact
   * does not; 'unavailable': the database does not answer. */
  status: 'ok' | 'degraded' | 'unavailable';
  database: DatabaseHealth;
  models: {
    registry: 'absent' | 'invalid' | 'ok';
    error?: string;
    entries: ModelArtifactCheck[];
  };
}

async function modelsCheck(): Promise<HealthReport['models']> {
  const { registry, checks } = await registeredModels();
  if (registry.status === 'invalid') return { registry: 'invalid', error: registry.error, entries: [] };
  return { registry: registry.status, entries: checks };
}

/** Checks the database and the registered model artifacts; the HTTP status is 503 when the database
 * is down, 200 otherwise. */
export async function getHealth(): Promise<{ httpStatus: number; report: HealthReport }> {
  const [database, models] = await Promise.all([checkDatabase(), modelsCheck()]);
  const modelsOk = models.registry !== 'invalid' && models.entries.every((entry) => entry.ok);
  const status = !database.ok ? 'unavailable' : modelsOk ? 'ok' : 'degraded';
  return { httpStatus: database.ok ? 200 : 503, report: { status, database, models } };
}
