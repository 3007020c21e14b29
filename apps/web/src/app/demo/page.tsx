import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '../../components/page-header';
import { FerDemo } from '../../demo/fer-demo';
import { LesionDemo } from '../../demo/lesion-demo';
import { ModelFacts } from '../../demo/model-facts';
import { OfflineSupport } from '../../demo/offline-support';
import { readDemoModels, readDemoPosedModel } from '../../demo/server/shipped-models';
import { REVIEW_LABELS } from '../../server/reviews';

export const metadata: Metadata = { title: 'On-device demo' };

/** The public demo: FER from the webcam and lesion screening, both computed in the visitor's browser. */
export default async function DemoPage() {
  const [models, posed] = await Promise.all([readDemoModels(), readDemoPosedModel()]);
  const labelNames: Record<string, string> = { ...REVIEW_LABELS };
  const fer = models.fer;
  const segmentation = models['lesion-segmentation'];
  const classification = models['lesion-classification'];

  return (
    <div className="max-w-5xl space-y-5">
      <PageHeader title="On-device screening demo">
        VisionCAD&apos;s models running in your browser with TensorFlow.js. No account is needed, and no image
        or video frame ever leaves your device: the models are downloaded once and everything is computed
        here.
      </PageHeader>

      <section aria-labelledby="models-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="models-heading" className="text-base font-semibold text-slate-900">
          Models in this demo
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          The shipped models of this release, with the figures their model cards report on data they were
          never trained on.
        </p>
        <div className="mt-3">
          <ModelFacts models={models} posed={posed} />
        </div>
        <div className="mt-3">
          <OfflineSupport />
        </div>
      </section>

      {fer.ok ? (
        <FerDemo model={fer.info} posed={posed} labelNames={labelNames} />
      ) : (
        <p className="text-sm text-red-700">The expression demo is unavailable: {fer.error}</p>
      )}

      {segmentation.ok && classification.ok ? (
        <LesionDemo
          segmentation={segmentation.info}
          classification={classification.info}
          labelNames={labelNames}
        />
      ) : (
        <p className="text-sm text-red-700">
          The lesion demo is unavailable:{' '}
          {[segmentation, classification].flatMap((entry) => (entry.ok ? [] : [entry.error])).join('; ')}
        </p>
      )}

      <p className="text-sm text-slate-500">
        Research software, not a medical device. Clinicians and analysts work in the{' '}
        <Link href="/sign-in" className="font-medium text-brand-700 hover:underline">
          signed-in portal
        </Link>
        .
      </p>
    </div>
  );
}
