import type { Metadata } from 'next';
import Link from 'next/link';
import { formatMetric } from '../../components/chart-headline';
import { Cell, DataTable } from '../../components/data-table';
import { DateTime } from '../../components/date-time';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { StatusBadge, type Tone } from '../../components/status-badge';
import { readModelCatalog, type ModelCardEntry } from '../../server/model-metrics-catalog';
import { listModelVersions, type ModelVersionRow } from '../../server/model-versions';
import { requirePageAccess } from '../../server/page-access';
import { registeredModels } from '../../server/registered-models';

export const metadata: Metadata = { title: 'Models' };

const STATUS_TONE: Record<ModelVersionRow['status'], Tone> = {
  PRODUCTION: 'success',
  CANDIDATE: 'info',
  RETIRED: 'neutral',
};

// The headline columns of the model-card table, in the field's terms; a card without one shows —.
const HEADLINE_COLUMNS: [string, string[]][] = [
  ['Accuracy', ['accuracy']],
  ['Balanced acc.', ['balancedAccuracy']],
  ['Macro-F1', ['macroF1']],
  ['AUC', ['rocAucMacro']],
  ['ECE', ['ece']],
  ['Dice', ['dice']],
];

function headlineCell(entry: ModelCardEntry, keys: string[]): string {
  const first = entry.evaluations.find((evaluation) => evaluation.kind !== 'other');
  const metric = first?.headline.find((candidate) => keys.includes(candidate.key));
  return metric ? formatMetric(metric.value) : '—';
}

/** A database version's name, linked to its card's page when the models folder has that card. */
function VersionName({ models, version }: { models: ModelCardEntry[]; version: ModelVersionRow }) {
  const entry = models.find((model) => model.card?.name === version.name && model.card.version === version.version);
  if (!entry) return <>{version.name}</>;
  return (
    <Link href={`/models/${encodeURIComponent(entry.folder)}`} className="text-brand-700 hover:underline">
      {version.name}
    </Link>
  );
}

/** Model versions known to the database and model artifacts listed in the registry file. */
export default async function ModelsPage() {
  await requirePageAccess('models');
  const [versions, { registry, checks }, catalog] = await Promise.all([
    listModelVersions(),
    registeredModels(),
    readModelCatalog(),
  ]);

  return (
    <>
      <PageHeader title="Models">
        Every model card in the models folder with its held-out metrics (open one for its charts), the versions recorded in the database, and the artifacts the registry points at.
      </PageHeader>

      <section aria-labelledby="cards-heading" className="mb-8">
        <h2 id="cards-heading" className="mb-3 text-sm font-semibold text-slate-900">
          Model cards and held-out metrics
        </h2>
        {catalog.models.length === 0 ? (
          <EmptyState title="No model cards">
            No model folder with a card.json is in this installation&apos;s models directory.
          </EmptyState>
        ) : (
          <DataTable
            caption="Model cards"
            headers={['Model', 'Task', 'Evaluated on', ...HEADLINE_COLUMNS.map(([label]) => label)]}
          >
            {catalog.models.map((entry) => (
              <tr key={entry.folder}>
                <Cell className="font-medium text-slate-900">
                  <Link href={`/models/${encodeURIComponent(entry.folder)}`} className="text-brand-700 hover:underline">
                    {entry.card ? `${entry.card.name} ${entry.card.version}` : entry.folder}
                  </Link>
                  {entry.defaultFor.length > 0 ? (
                    <div className="text-xs font-normal text-slate-500">default for {entry.defaultFor.join(', ')}</div>
                  ) : null}
                </Cell>
                <Cell>{entry.card?.task ?? '—'}</Cell>
                <Cell>
                  <div className="max-w-64 whitespace-normal">
                    {entry.card ? (
                      (entry.evaluations.find((evaluation) => evaluation.kind !== 'other')?.name ?? 'no metrics')
                    ) : (
                      <span className="text-red-700">card unreadable</span>
                    )}
                  </div>
                </Cell>
                {HEADLINE_COLUMNS.map(([label, keys]) => (
                  <Cell key={label} className="tabular-nums">
                    {headlineCell(entry, keys)}
                  </Cell>
                ))}
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading" className="mb-3 text-sm font-semibold text-slate-900">
          Model versions
        </h2>
        {versions.length === 0 ? (
          <EmptyState title="No model versions recorded">
            Versions are recorded when the trainer registers a trained model. None are in this database yet.
          </EmptyState>
        ) : (
          <DataTable
            caption="Model versions"
            headers={['Name', 'Version', 'Task', 'Architecture', 'Status', 'Analyses', 'Created', 'Promoted']}
          >
            {versions.map((version) => (
              <tr key={version.id}>
                <Cell className="font-medium text-slate-900">
                  <VersionName models={catalog.models} version={version} />
                </Cell>
                <Cell>{version.version}</Cell>
                <Cell>{version.task}</Cell>
                <Cell>{version.architecture}</Cell>
                <Cell>
                  <StatusBadge tone={STATUS_TONE[version.status]}>{version.status}</StatusBadge>
                </Cell>
                <Cell className="tabular-nums">{version._count.analyses}</Cell>
                <Cell>
                  <DateTime value={version.createdAt} />
                </Cell>
                <Cell>{version.promotedAt ? <DateTime value={version.promotedAt} /> : '—'}</Cell>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section aria-labelledby="registry-heading" className="mt-8">
        <h2 id="registry-heading" className="mb-3 text-sm font-semibold text-slate-900">
          Registry <code className="ml-1 text-xs font-normal text-slate-500">{registry.file}</code>
        </h2>
        {registry.status === 'absent' ? (
          <EmptyState title="No registry file">
            {registry.file} does not exist in this installation, so no model artifacts are published.
          </EmptyState>
        ) : registry.status === 'invalid' ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
            The registry cannot be used: {registry.error}
          </p>
        ) : checks.length === 0 ? (
          <EmptyState title="The registry names no models" />
        ) : (
          <DataTable caption="Registered models" headers={['Task', 'Model folder', 'Card', 'Weights', 'Artifacts']}>
            {checks.map((check) => (
              <tr key={check.task}>
                <Cell className="font-medium text-slate-900">{check.task}</Cell>
                <Cell>
                  <code className="text-xs">{check.model}</code>
                  {check.note ? <div className="text-xs text-slate-500">{check.note}</div> : null}
                </Cell>
                <Cell>
                  {check.card ? (
                    `${check.card.name} ${check.card.version} · ${check.card.architecture}`
                  ) : (
                    <div className="max-w-xs text-xs whitespace-normal break-all text-red-700">{check.cardError}</div>
                  )}
                </Cell>
                <Cell className="tabular-nums">
                  {check.weights.filter((weight) => weight.exists).length} / {check.weights.length} files
                </Cell>
                <Cell>
                  {check.ok ? (
                    <StatusBadge tone="success">present</StatusBadge>
                  ) : (
                    <>
                      <StatusBadge tone="danger">incomplete</StatusBadge>
                      <div className="mt-1 max-w-xs text-xs whitespace-normal break-all text-red-700">{check.error}</div>
                    </>
                  )}
                </Cell>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}
