import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import type { ModelCard } from '@visioncad/vision-core/models';
import { DateTime } from '../../../components/date-time';
import { PageHeader } from '../../../components/page-header';
import { StatusBadge } from '../../../components/status-badge';
import { modelClinicianAgreement } from '../../../server/agreement';
import { readModelCardEntry } from '../../../server/model-metrics-catalog';
import { requirePageAccess } from '../../../server/page-access';
import { EvaluationSection } from './evaluation-section';

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Model ${(await params).name}` };
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-[12rem_1fr] sm:gap-4">
      <dt className="text-sm text-slate-500">{term}</dt>
      <dd className="text-sm text-slate-900">{children}</dd>
    </div>
  );
}

// parseModelCard checks the fields the model loader needs; the descriptive ones below may be
// missing from a hand-written card, and the page says so instead of failing.
function sizes(data: Partial<ModelCard['data']>): string {
  const parts = [
    ['train', data.trainSize],
    ['validation', data.validationSize],
    ['test', data.testSize],
  ].flatMap(([name, size]) => (typeof size === 'number' ? [`${name} ${size.toLocaleString('en')}`] : []));
  return parts.length > 0 ? parts.join(' · ') : 'not recorded';
}

function trainingText(card: ModelCard): string {
  const training = card.training as Partial<ModelCard['training']> | undefined;
  if (!training) return 'not recorded';
  return [
    `${training.epochs ?? '?'} epoch${training.epochs === 1 ? '' : 's'} on ${training.backend ?? '?'}`,
    typeof training.durationSeconds === 'number' ? `${Math.round(training.durationSeconds / 60)} min` : null,
    typeof training.parameters === 'number' ? `${training.parameters.toLocaleString('en')} parameters` : null,
    training.optimizer ?? null,
  ]
    .filter((part) => part !== null)
    .join('; ');
}

function weightsText(card: ModelCard): string {
  const weights = card.weights as Partial<ModelCard['weights']> | undefined;
  if (!weights) return 'not recorded';
  return `${weights.quantization ?? '?'}${typeof weights.bytes === 'number' ? `, ${weights.bytes.toLocaleString('en')} bytes` : ''}`;
}

/** One model version: what its card says it was trained on and how, its held-out metrics as charts,
 * and how it agrees with clinicians so far. */
export default async function ModelPage({ params }: { params: Params }) {
  const { name } = await params;
  await requirePageAccess('models', `/models/${encodeURIComponent(name)}`);
  const entry = await readModelCardEntry(name);
  if (!entry) notFound();
  const { card } = entry;
  // A classifier's top label can be set against the clinicians' diagnoses; a segmenter's mask cannot.
  const live =
    card && card.labels.length > 1
      ? (await modelClinicianAgreement({})).versions.filter((version) => version.modelVersion.name === card.name)
      : [];

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/models" className="text-slate-600 hover:underline">
          ← Models
        </Link>
      </p>
      <PageHeader title={card ? `${card.name} ${card.version}` : entry.folder}>
        {card
          ? `${card.task} · ${card.architecture}`
          : 'This model folder has no readable card, so nothing about its training or evaluation is known.'}
      </PageHeader>
      <div className="mb-6 flex flex-wrap gap-2">
        {entry.defaultFor.length > 0 ? (
          entry.defaultFor.map((task) => (
            <StatusBadge key={task} tone="success">
              registry default for {task}
            </StatusBadge>
          ))
        ) : (
          <StatusBadge tone="neutral">not a registry default</StatusBadge>
        )}
      </div>

      {entry.cardError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {entry.cardError}
        </p>
      ) : null}

      {card ? (
        <section aria-labelledby="card-heading">
          <h2 id="card-heading" className="mb-2 text-sm font-semibold text-slate-900">
            Model card <code className="ml-1 text-xs font-normal text-slate-500">{entry.cardFile}</code>
          </h2>
          <dl className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white px-4">
            <Fact term="Data">{card.data.dataset}</Fact>
            <Fact term="Split">{card.data.split}</Fact>
            <Fact term="Sizes">{sizes(card.data)}</Fact>
            <Fact term="Command">
              <code className="block text-xs break-all whitespace-pre-wrap">{card.command}</code>
            </Fact>
            <Fact term="Seed">{card.seed}</Fact>
            <Fact term="Training">{trainingText(card)}</Fact>
            <Fact term="Weights">{weightsText(card)}</Fact>
            <Fact term="Created">
              <DateTime value={new Date(card.createdAt)} />
            </Fact>
            {card.limits.length > 0 ? (
              <Fact term="Known limits">
                <ul className="list-disc pl-5">
                  {card.limits.map((limit) => (
                    <li key={limit}>{limit}</li>
                  ))}
                </ul>
              </Fact>
            ) : null}
          </dl>
        </section>
      ) : null}

      {entry.problems.map((problem) => (
        <p
          key={problem.name}
          role="alert"
          className="mt-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
        >
          {problem.error}
        </p>
      ))}
      {card && entry.evaluations.length === 0 && entry.problems.length === 0 ? (
        <p className="mt-8 text-sm text-slate-500">The card records no evaluation metrics.</p>
      ) : null}
      {entry.evaluations.map((evaluation) => (
        <EvaluationSection key={evaluation.name} evaluation={evaluation} cardFile={entry.cardFile} />
      ))}

      {card && card.labels.length > 1 ? (
        <section aria-labelledby="live-heading" className="mt-8">
          <h2 id="live-heading" className="mb-2 text-sm font-semibold text-slate-900">
            Agreement with clinicians
          </h2>
          {live.length === 0 ? (
            <p className="text-sm text-slate-500">
              No signed-off review has been compared with an analysis by {card.name} yet.
            </p>
          ) : (
            <ul className="space-y-1 text-sm text-slate-700">
              {live.map(({ modelVersion, agreement }) => (
                <li key={modelVersion.id}>
                  Version {modelVersion.version}: {agreement.n} readings,{' '}
                  {(agreement.percentAgreement * 100).toFixed(1)}% agreement, Cohen&apos;s kappa{' '}
                  {agreement.kappa === null ? 'undefined' : agreement.kappa.toFixed(3)} —{' '}
                  <Link
                    href={`/analytics?${new URLSearchParams({ model: modelVersion.id })}`}
                    className="text-brand-700 hover:underline"
                  >
                    details and filters
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </>
  );
}
